import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleMeta } from '../../src/model/schema.js';
import { Archive } from '../../src/archive/store.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';

/** A dump of n full articles separated by blank-line runs. */
export function syntheticDump(n: number): string {
  return Array.from({ length: n }, (_, i) => {
    const k = i + 1;
    return `Synthetic story number ${k}\n\nA dek for story ${k} about archives.\n\nParagraph one of story ${k} talks about terminals and readers.\n\nParagraph two of story ${k} is about search.`;
  }).join('\n\n\n');
}

/** A fresh archive in a temp folder with n articles, built through the real importer and store. */
export async function syntheticArchive(n: number): Promise<Archive> {
  const dir = mkdtempSync(join(tmpdir(), 'byline-archive-'));
  const archive = await Archive.open(dir, { create: true });
  await archive.import([{ file: 'synthetic.txt', articles: parsePageDump(syntheticDump(n)) }]);
  return archive;
}

/** An article's metadata as the schema wants it, with plain defaults for what a test leaves out. */
export function articleMeta(over: Partial<ArticleMeta> & { id: string; title: string }): ArticleMeta {
  return {
    titleDerived: false,
    dek: '',
    kind: 'full',
    sponsored: false,
    authors: [],
    credits: [],
    lead: '',
    source: { file: 'hand-written.txt', importedAt: '2026-01-01T00:00:00.000Z' },
    wordCount: 1,
    hash: `hash-${over.id}`,
    ...over,
  };
}
