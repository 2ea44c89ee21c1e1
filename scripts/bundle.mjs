// Bundles the action's entry points into dist/ (committed: runners execute it as is).
// Deterministic output (content-hashed chunks, no timestamps or absolute paths), so CI can
// prove that dist/ matches src/ by rebuilding and diffing.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/entry/main.ts', post: 'src/entry/post.ts', cli: 'src/entry/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  // Runners run the action on Node 24 (action.yml); the CLI and the tests also run it on Node 20,
  // which is why src/ is type-checked against @types/node 20: no API newer than both.
  target: 'node24',
  format: 'esm',
  // Some bundled CommonJS dependencies call require(); give ESM output one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
