// Search over an archive, for `search`, `read QUERY` and `rm --query` (loaded when one runs).
export { searchBigArchive } from './catalog-search.js';
export { searchEngineFor } from './searchable.js';
