import { blockText, type ArticleMeta, type Author, type Block } from '../model/schema.js';
import type { SearchDoc } from './engine.js';

/** What the engine indexes for one article; body only when the caller loaded it. */
export function toSearchDoc(meta: ArticleMeta, authors: Author[], body?: Block[]): SearchDoc {
  const doc: SearchDoc = {
    id: meta.id,
    title: meta.title,
    dek: meta.dek,
    authors: authors.map((a) => a.name).join(', '),
    lead: meta.lead,
  };
  if (body) doc.body = body.map(blockText).join('\n');
  if (meta.tags?.length) doc.tags = meta.tags;
  return doc;
}
