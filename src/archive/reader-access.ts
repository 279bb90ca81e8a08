// What the reader needs of the store beyond the interface's own exports, loaded with the
// reader (never by a command): the catalog read a chunk at a time, its search, and the store.
export { CatalogReading } from './catalog-read.js';
export { CatalogSearch } from './catalog-search.js';
export { searchEngineForAsync } from './searchable.js';
export { Archive } from './store.js';
