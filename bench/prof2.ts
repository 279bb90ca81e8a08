import { Archive } from '../src/archive/store.js';
import { searchEngineFor } from '../src/archive/searchable.js';
const archive = await Archive.open(process.argv[2]);
const engine = searchEngineFor(archive, { bodies: false });
const t = performance.now();
for (let rep = 0; rep < 200; rep++) for (const q of ['d', 'go', 't', 'selection c']) engine.search(q, { limit: 50, snippets: 0 });
console.log(((performance.now() - t) / 800).toFixed(2), 'ms avg');
