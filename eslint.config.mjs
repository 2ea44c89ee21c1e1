// Lint rules, in the spirit of the actions/typescript-action template: typescript-eslint's
// type-checked recommended set over the TypeScript, eslint's recommended set over the JavaScript
// (bundle script, bench), and eslint-config-prettier last so no rule argues with the formatter
// (`npm run format:check` owns layout).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A leading underscore marks a parameter a signature needs but the body does not; `{ drop, ...rest }`
// names what it leaves out of rest.
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.testbed/', 'bench/results/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The project service reads tsconfig.json, so lint sees the types tsc sees; top-level config
      // files outside it (vitest.config.ts) get a default project.
      parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['__tests__/**/*.ts'],
    rules: {
      // Fakes implement async interfaces (runners, registries, sleeps) and answer at once.
      '@typescript-eslint/require-await': 'off',
      // Tests read JSON the code under test wrote, and vitest's asymmetric matchers
      // (expect.stringMatching, expect.any) are typed any: the assertion is the type check there.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
    rules: { 'no-unused-vars': unusedVars },
  },
  {
    // The bench stays readable piece by piece: no function longer than a screen (nested ones count
    // toward their parent too).
    files: ['bench/**/*.mjs'],
    rules: { 'max-lines-per-function': ['error', { max: 60 }] },
  },
  prettier,
);
