// npm run bench:gen -- --articles N --out DIR [--seed S]
import { rm } from 'node:fs/promises';
import { Archive } from '../src/archive/store.js';
import { syntheticBatches } from './synthetic.js';

export async function generateArchive(count: number, out: string, seed = 42): Promise<void> {
  await rm(out, { recursive: true, force: true });
  const archive = await Archive.open(out, { create: true });
  for (const batch of syntheticBatches(count, seed)) await archive.import([{ file: `synthetic-seed-${seed}`, articles: batch }], '2026-01-01T00:00:00.000Z');
}

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

if (process.argv[1]?.endsWith('generate.mjs')) {
  const count = Number(arg('articles', '1000'));
  const out = arg('out', `bench/cache/archive-${count}`)!;
  const started = performance.now();
  await generateArchive(count, out, Number(arg('seed', '42')));
  process.stderr.write(`generated ${count} articles in ${out} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
