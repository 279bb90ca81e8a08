import { Archive } from '../src/archive/store.js';
import { searchEngineFor } from '../src/archive/searchable.js';
const dir = process.argv[2];
const t0 = performance.now();
const archive = await Archive.open(dir);
const t1 = performance.now();
const engine = searchEngineFor(archive, { bodies: false });
const t2 = performance.now();
console.log(`open ${(t1 - t0).toFixed(0)} ms, engine ${(t2 - t1).toFixed(0)} ms, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
const queries = ['government', 'goverment', 'selection commitee', 'the', 'chen', 'author:garcia economy', 'ai', 'tanaka', 'platfroms', 'deep learning models'];
const times: number[] = [];
for (const q of queries) for (let i = 1; i <= q.length; i++) {
  const s = performance.now();
  engine.search(q.slice(0, i), { limit: 50, snippets: 0 });
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
console.log(`keystrokes ${times.length}: p50 ${times[times.length >> 1].toFixed(2)} p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} max ${times.at(-1)!.toFixed(2)} ms`);
const slow: [string, number][] = [];
for (const q of queries) for (let i = 1; i <= q.length; i++) {
  const s = performance.now();
  const hits = engine.search(q.slice(0, i), { limit: 50, snippets: 0 });
  slow.push([`${q.slice(0, i)} (${hits.length})`, performance.now() - s]);
}
slow.sort((a, b) => b[1] - a[1]);
console.log('second pass slowest', slow.slice(0, 8).map(([q, t]) => `${q}: ${t.toFixed(1)}`).join(', '));
const t2s = slow.map((x) => x[1]).sort((a, b) => a - b);
console.log(`second pass p50 ${t2s[t2s.length >> 1].toFixed(2)} p95 ${t2s[Math.floor(t2s.length * 0.95)].toFixed(2)}`);
