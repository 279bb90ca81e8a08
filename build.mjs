// Bundles the CLI into dist/ (ESM, code-split so the reader's Ink chunk loads only when used).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { bundleOptions } from './build-options.mjs';

await rm('dist', { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: ['src/cli.tsx'],
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
