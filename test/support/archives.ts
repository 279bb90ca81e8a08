import { createHash } from 'node:crypto';
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

/** The name of an article's body file as the store names one, `<id>.<16 hex>.json`: here the
 * same for the same id every time. */
export function bodyFileName(id: string): string {
  return `${id}.${createHash('sha256').update(id).digest('hex').slice(0, 16)}.json`;
}

/** An article's metadata as the schema wants it, with plain defaults for what a test leaves out
 * (its body file named by bodyFileName). */
export function articleMeta(over: Partial<ArticleMeta> & { id: string; title: string }): ArticleMeta {
  return {
    bodyFile: bodyFileName(over.id),
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
