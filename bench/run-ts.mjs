// Runs a TypeScript bench script: bundle it with esbuild (as the CLI is), then run it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const outfile = `bench/.build/${basename(entry).replace(/\.tsx?$/, '.mjs')}`;
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  packages: 'external',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
