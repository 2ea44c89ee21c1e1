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
    // The layers (docs/development.md): the core turns inputs into a plan and touches nothing, so it
    // imports no adapter, step or entry point, no runner toolkit and no I/O module.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/*', '**/pipeline/*', '**/entry/*'], message: 'src/core is pure: move the effect to an adapter or a step.' },
            { group: ['@actions/*'], message: 'src/core is pure: the runner is reached through adapters.' },
          ],
          paths: ['node:fs', 'node:http', 'node:https', 'node:net', 'node:child_process', 'fs', 'http', 'net', 'child_process'].map((name) => ({
            name,
            message: 'src/core is pure: files, sockets and processes belong to adapters.',
          })),
        },
      ],
    },
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
    // The action and the bench stay readable piece by piece: no function longer than a screen
    // (nested ones count toward their parent too).
    files: ['src/**/*.ts', 'bench/**/*.mjs'],
    rules: { 'max-lines-per-function': ['error', { max: 60 }] },
  },
  prettier,
);
