// string-width is loaded only for text that needs it (src/text/width.ts): `read` and `list`
// decide for themselves, the other commands get it first. Each case here starts from fresh
// modules, string-width not yet loaded, so a command that measures such text without
// loading it first fails here (one line, exit 1) instead of printing it.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Author, Block } from '../../src/model/schema.js';
import { cleanTemp, scratch, writeArchive, type HandArticle } from '../support/hardening.js';

/** Clusters of several code points: a ZWJ family, e + combining acute, a flag, a keycap, VS16, Thai sara am. */
const CLUSTERS = '👨‍👩‍👧‍👦 café 🇯🇵 1️⃣ ❤️ กำ';
const plain = 'Plain words';

/** One article with CLUSTERS in the one field named (and nowhere else), by an author named with them if asked. */
function archiveWith(field: string): string {
  const text = (name: string) => (name === field ? `${plain} ${CLUSTERS}` : plain);
  const body: Block[] = [
    { type: 'paragraph', text: text('paragraph') },
    { type: 'heading', text: text('heading') },
    { type: 'quote', text: text('quote') },
    { type: 'list', ordered: false, text: text('list') },
    { type: 'figure', caption: text('caption'), credit: text('credit') },
  ] as Block[];
  const author: Author = { id: 'writer', name: text('author'), bio: '', kind: 'person' };
  const article: HandArticle = {
    meta: { id: 'the-story', title: text('title'), dek: text('dek'), authors: ['writer'], credits: [text('credits')] },
    body,
  };
  return writeArchive(scratch(), [article], [author]);
}

/** main() and everything it loads, as a new process would have them. */
async function freshRun(argv: string[], columns?: number) {
  vi.resetModules();
  const { runInProcess } = await import('../support/in-process.js');
  return runInProcess(argv, { columns });
}

const FIELDS = ['title', 'dek', 'author', 'credits', 'paragraph', 'heading', 'quote', 'list', 'caption', 'credit'];

describe('text needing string-width, with string-width not loaded at start', () => {
  beforeEach(() => vi.resetModules());
  afterAll(cleanTemp);

  it.each(FIELDS)('read prints an article with clusters in its %s, as text and markdown', async (field) => {
    const dir = archiveWith(field);
    for (const format of ['text', 'markdown']) {
      const r = await freshRun(['read', 'the-story', '--archive', dir, '--format', format, '--width', '12']);
      expect(r, `${field}, ${format}`).toMatchObject({ exitCode: 0, stderr: '' });
      // Credits are in --json only.
      if (field !== 'credits') expect(r.stdout).toContain('👨‍👩‍👧‍👦');
    }
  });

  it('read cuts such text by its width: a line of the family emoji is as wide as it is measured', async () => {
    const r = await freshRun(['read', 'the-story', '--archive', archiveWith('paragraph'), '--width', '12']);
    expect(r.exitCode).toBe(0);
    // 8 columns (see width.ts): with a space and "café" (4) it would be 13, over 12.
    expect(r.stdout.split('\n')).toContain('👨‍👩‍👧‍👦');
  });

  it.each([
    ['list', []],
    ['author', ['writer']],
  ])('%s on a terminal of 40 columns lists a title with clusters', async (command, args) => {
    const r = await freshRun([command, ...args, '--archive', archiveWith('title')], 40);
    expect(r, command).toMatchObject({ exitCode: 0, stderr: '' });
  });
});
