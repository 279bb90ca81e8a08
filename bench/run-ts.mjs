// Runs a TypeScript bench script: bundled with the shipped bundle's options (so Ink and
// React are exactly what ships), then run.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { bundleOptions } from '../build-options.mjs';

const [entry, ...args] = process.argv.slice(2);
const outfile = `bench/.build/${basename(entry).replace(/\.tsx?$/, '.mjs')}`;
await build({
  ...bundleOptions,
  entryPoints: [entry],
  outfile,
  // Native and build-time packages stay outside the bundle.
  external: ['@lydell/node-pty', 'esbuild', 'vitest', 'fast-check'],
});
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(run.status ?? 1);
