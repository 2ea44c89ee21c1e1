// Bundles the action's entry points into dist/ (committed: runners execute it as is).
// Deterministic output (no timestamps, no absolute paths) so CI can prove dist/ matches src/.
import { build } from 'esbuild';

const entries = {
  index: 'src/main.ts',
  post: 'src/post.ts',
  cli: 'src/cli.ts',
};

for (const [name, entry] of Object.entries(entries)) {
  await build({
    entryPoints: [entry],
    outfile: `dist/${name}.js`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Some bundled CommonJS dependencies call require(); give ESM output one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
}
