// The committed default archive never drifts from a fresh import of the committed seed.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { Archive } from '../../src/archive/store.js';
import { BodyFileSchema, IndexSchema, type Index } from '../../src/model/schema.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { bodyFile, DEFAULT_ARCHIVE, SEED, seedText, snapshotDir, tempDir } from '../support/paths.js';
import { basename } from 'node:path';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
// The derived files (lookup, keys, catalog) get a new random name at each write.
const DERIVED = /index\.[0-9a-f]{16}\.(ids|keys|catalog)/g;
const unnamed = (name: string) => name.replace(DERIVED, 'index.*.$1');
const withoutTimes = (index: Index) => ({
  ...index,
  lookup: undefined,
  keys: undefined,
  catalog: undefined,
  articles: index.articles.map((a) => ({ ...a, source: { file: a.source.file } })),
});
const blankTimes = (text: string) => unnamed(text).replace(/"importedAt": ?"[^"]*"/g, '"importedAt":""');

let fresh: string;
beforeAll(async () => {
  fresh = tempDir('byline-default-');
  const archive = await Archive.open(fresh, { create: true });
  await archive.import([{ file: basename(SEED), articles: parsePageDump(seedText()) }]);
});
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

describe('data/protocol', () => {
  it('is a valid archive: index.json passes the schema, every article has a valid body file', async () => {
    const index = readJson(join(DEFAULT_ARCHIVE, 'index.json'));
    expect(v.safeParse(IndexSchema, index).success).toBe(true);
    for (const meta of index.articles) {
      const body = readJson(bodyFile(DEFAULT_ARCHIVE, meta.id));
      expect(v.safeParse(BodyFileSchema, body).success).toBe(true);
      expect(body.id).toBe(meta.id);
    }
    const archive = await Archive.open(DEFAULT_ARCHIVE);
    expect(archive.articles).toHaveLength(6);
    expect(archive.authors).toHaveLength(5);
  });

  it('equals a fresh import of data/sources/protocol-page.txt, import times aside (index.json)', () => {
    const committed = readJson(join(DEFAULT_ARCHIVE, 'index.json'));
    const rebuilt = readJson(join(fresh, 'index.json'));
    expect(withoutTimes(committed)).toEqual(withoutTimes(rebuilt));
    // Same bytes too, once the timestamps are blanked: formatting does not drift either.
    expect(blankTimes(readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8'))).toBe(
      blankTimes(readFileSync(join(fresh, 'index.json'), 'utf8')),
    );
  });

  it('equals a fresh import, file by file (bodies and anything else), with no extra or missing files', () => {
    expect(readdirSync(join(DEFAULT_ARCHIVE, 'articles')).sort()).toEqual(readdirSync(join(fresh, 'articles')).sort());
    const byKind = (dir: string) => new Map([...snapshotDir(dir)].map(([name, bytes]) => [unnamed(name), bytes]));
    const committed = byKind(DEFAULT_ARCHIVE);
    const rebuilt = byKind(fresh);
    expect([...committed.keys()].sort()).toEqual([...rebuilt.keys()].sort());
    for (const [name, bytes] of committed) {
      if (name === 'index.json') continue; // compared above, timestamps aside
      expect(bytes.equals(rebuilt.get(name)!), name).toBe(true);
    }
  });

  it('names the committed seed as its source', () => {
    const committed = readJson(join(DEFAULT_ARCHIVE, 'index.json')) as Index;
    for (const a of committed.articles) expect(a.source.file).toBe('protocol-page.txt');
  });
});
