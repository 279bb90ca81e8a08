import { Archive } from '../src/archive/store.js';
import { searchEngineFor } from '../src/archive/searchable.js';
const archive = await Archive.open(process.argv[2]);
const engine = searchEngineFor(archive, { bodies: false });
const queries = ['government', 'goverment', 'selection commitee', 'the', 'chen', 'author:garcia economy', 'ai', 'tanaka', 'platfroms', 'deep learning models'];
for (let rep = 0; rep < 3; rep++) for (const q of queries) for (let i = 1; i <= q.length; i++) engine.search(q.slice(0, i), { limit: 50, snippets: 0 });
