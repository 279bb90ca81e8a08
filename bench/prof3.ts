import { Archive } from '../src/archive/store.js';
import { searchEngineFor } from '../src/archive/searchable.js';
const t0 = performance.now();
const archive = await Archive.open(process.argv[2]);
const t1 = performance.now();
searchEngineFor(archive, { bodies: true });
console.log('open', (t1 - t0).toFixed(0), 'engine', (performance.now() - t1).toFixed(0));
