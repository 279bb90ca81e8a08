// The word index across many imports: compaction merges small segments (newest copy of an
// article wins), index.json names exactly the segments on disk, and reindex rebuilds them.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { reindex } from '../../src/commands/reindex.js';
import type { Context, Output } from '../../src/commands/context.js';
import { tempDir } from '../support/paths.js';

const story = (k: number, word: string, extra = '') =>
  `Compaction story ${k}\n\nA dek for story ${k}.\n\nThe first paragraph of story ${k} is about ${word} and the harbour council.\n\nThe second paragraph of story ${k} goes on about the same things at length.${extra}`;

const WORDS = ['quokka', 'narwhal', 'axolotl', 'pangolin', 'okapi', 'tapir', 'wombat', 'capybara', 'ibex', 'dugong', 'gharial', 'saola'];

async function archiveOfImports(n: number): Promise<Archive> {
  const archive = await Archive.open(join(tempDir('byline-segments-'), 'a'), { create: true });
  for (let k = 0; k < n; k++) await archive.import([{ file: `s${k}.txt`, articles: parsePageDump(story(k, WORDS[k])) }]);
  return archive;
}

const onDisk = (a: Archive) => readdirSync(join(a.dir, 'search')).sort();
const top = (a: Archive, q: string) => searchEngineFor(a, { bodies: true }).search(q, { limit: 3 })[0]?.id;

describe('segments and compaction', () => {
  it('twelve one-article imports: never more than eight segments, index.json names exactly the files in search/', async () => {
    const archive = await archiveOfImports(12);
    expect(archive.segments!.length).toBeLessThanOrEqual(8);
    expect(onDisk(archive)).toEqual([...archive.segments!].sort());
    const fresh = await Archive.open(archive.dir);
    for (const [k, word] of WORDS.entries()) expect(top(fresh, word), word).toBe(`compaction-story-${k}`);
  });

  it('an article updated in a later import is found by its new words only, after compaction too', async () => {
    const archive = await archiveOfImports(3);
    await archive.import([{ file: 'fix.txt', articles: parsePageDump(story(0, WORDS[0], '\n\nA correction mentions the zebu.')) }]);
    for (let k = 3; k < 12; k++) await archive.import([{ file: `s${k}.txt`, articles: parsePageDump(story(k, WORDS[k])) }]);
    const fresh = await Archive.open(archive.dir);
    expect(top(fresh, 'zebu')).toBe('compaction-story-0');
    expect(fresh.articles).toHaveLength(12);
  });

  it('byline reindex (in-process): rebuilds a lost search/ from the articles; index.json names the new segments', async () => {
    const archive = await archiveOfImports(4);
    rmSync(join(archive.dir, 'search'), { recursive: true });
    const said: string[] = [];
    const out: Output = { isTTY: false, color: false, columns: 80, write: (t) => said.push(t), error: (t) => said.push(t) };
    const ctx: Context = {
      args: [],
      flags: { json: false, raw: false, color: false, debug: false },
      out,
      archiveDir: archive.dir,
      openArchive: (o) => Archive.open(archive.dir, o),
    };
    expect(await reindex(ctx)).toBe(0);
    expect(said.join('')).toMatch(/^indexed 4 articles in \d+\.\d s\n$/);
    const fresh = await Archive.open(archive.dir);
    expect(onDisk(fresh)).toEqual([...fresh.segments!].sort());
    for (let k = 0; k < 4; k++) expect(top(fresh, WORDS[k])).toBe(`compaction-story-${k}`);
  });

  it('reindex replaces the old segments: none of them is left, and nothing is found twice', async () => {
    const archive = await archiveOfImports(5);
    const before = [...archive.segments!];
    await archive.rebuildSearchIndex();
    const fresh = await Archive.open(archive.dir);
    for (const name of before) expect(onDisk(fresh)).not.toContain(name);
    expect(searchEngineFor(fresh, { bodies: true }).search('harbour council', { limit: 20 })).toHaveLength(5);
  });
});
