import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { IndexSchema } from '../src/archive/model.js';
const text = readFileSync(process.argv[2], 'utf8');
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const data = JSON.parse(text);
  const t1 = performance.now();
  const r = v.safeParse(IndexSchema, data);
  const t2 = performance.now();
  console.log(`parse ${(t1 - t0).toFixed(0)} ms, validate ${(t2 - t1).toFixed(0)} ms, ok ${r.success}`);
}
