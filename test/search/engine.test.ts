import { beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { createSearchEngine, type SearchEngine } from '../../src/search/engine.js';
import { parseQuery } from '../../src/search/query.js';
import { snippetAround } from '../../src/search/snippet.js';
import { toSearchDoc } from '../../src/search/docs.js';
import { DEFAULT_ARCHIVE } from '../support/paths.js';

const CHINA = 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while';
const JUDGE = 'judge-zia-faruqui-is-trying-to-teach-you-crypto-one-snl-reference-at-a-time';
const AWS_CEO = 'aws-ceo-the-cloud-isnt-just-about-technology';
const MLOPS = 'why-large-enterprises-struggle-to-find-suitable-platforms-for-mlops';
const PROTOCOL = 'we-launched-protocol-in-february-2020-to-cover-the-evolving-power-center-of-tech';

let archive: Archive;
let withBodies: SearchEngine;
let metaOnly: SearchEngine;
beforeAll(async () => {
  archive = await Archive.open(DEFAULT_ARCHIVE);
  withBodies = searchEngineFor(archive, { bodies: true });
  metaOnly = searchEngineFor(archive, { bodies: false });
});

const ids = (engine: SearchEngine, q: string) => engine.search(q).map((h) => h.id);

describe('search over the default archive', () => {
  it.each([
    ['selipsky', AWS_CEO],
    ['faruqi', JUDGE],
    ['mlops platfroms', MLOPS],
    ['Selipsky', AWS_CEO],
    ['lebowski', JUDGE],
    ['author:kaye', MLOPS],
    ['by:goodison', AWS_CEO],
    ['author:"Bennett Richardson"', PROTOCOL],
    ['title:protocol', PROTOCOL],
  ])('%s finds its article first', (query, id) => {
    expect(ids(withBodies, query)[0]).toBe(id);
    expect(ids(metaOnly, query)[0]).toBe(id);
  });

  it('author:kaye finds only Kate Kaye’s article', () => {
    expect(ids(withBodies, 'author:kaye')).toEqual([MLOPS]);
  });

  it('searches bodies when they are loaded (typo-tolerant there too)', () => {
    expect(ids(withBodies, 'Donatelli')[0]).toBe(CHINA);
    expect(ids(withBodies, 'donatteli')[0]).toBe(CHINA);
    expect(ids(withBodies, '"bottom line"')).toEqual([CHINA]);
    expect(ids(metaOnly, 'donatteli')).toEqual([]);
  });

  it('ANDs the words of a query', () => {
    expect(ids(withBodies, 'aws china')[0]).toBe(CHINA);
    expect(ids(withBodies, 'selipsky zzzqqqxx')).toEqual([]);
  });

  it('returns [] when nothing matches, and for empty queries', () => {
    for (const q of ['zzzqqq', 'author:zzzqqq', '', '   ', '""']) expect(withBodies.search(q)).toEqual([]);
  });

  it('ranks with scores between 0 and 1, best first, and honours the limit', () => {
    const hits = withBodies.search('aws');
    expect(hits.length).toBeGreaterThan(1);
    for (const h of hits) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(withBodies.search('aws', 1)).toHaveLength(1);
  });

  it('reports match ranges inside the matched field, and a body snippet around a body match', () => {
    const [hit] = withBodies.search('Donatelli');
    const body = hit.matches.find((m) => m.field === 'body');
    expect(body).toBeDefined();
    expect(hit.snippet?.text).toMatch(/Donatelli/);
    for (const [s, e] of hit.snippet!.ranges) {
      expect(s).toBeLessThan(e);
      expect(e).toBeLessThanOrEqual(hit.snippet!.text.length);
    }
    // title: limits a word to titles; Selipsky is only in a dek and a body.
    expect(withBodies.search('title:selipsky')).toEqual([]);
    const ceo = withBodies.search('title:cloud').find((h) => h.id === AWS_CEO)!;
    const title = archive.article(AWS_CEO)!.title;
    const ranges = ceo.matches.find((m) => m.field === 'title')!.ranges;
    expect(ranges.some(([s, e]) => title.slice(s, e).toLowerCase() === 'cloud')).toBe(true);
    for (const [, e] of ranges) expect(e).toBeLessThanOrEqual(title.length);
  });
});

describe('createSearchEngine on hand-made docs', () => {
  const doc = (id: string, title: string, body?: string) => ({
    id,
    title,
    dek: '',
    authors: '',
    lead: '',
    ...(body === undefined ? {} : { body }),
  });

  it('ranks a title match above a body-only match', () => {
    const engine = createSearchEngine([
      doc('b', 'Unrelated', 'the harbour festival is back'),
      doc('a', 'Harbour festival returns', 'boats'),
    ]);
    expect(engine.search('harbour').map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('every word must match in this search: nothing carries over from the one before', () => {
    const engine = createSearchEngine([doc('a', 'Nice apple', 'orchard'), doc('b', 'Jolly', 'fair'), doc('c', 'Nice jolly', 'fair')]);
    expect(engine.search('nice jolly').map((h) => h.id)).toEqual(['c']);
    // "a" matched "nice" in the search before; it must not count as matching "xyzzy" now.
    expect(engine.search('xyzzy apple')).toEqual([]);
    expect(engine.search('ni jo').map((h) => h.id)).toEqual(['c']);
    expect(engine.search('qq apple')).toEqual([]);
  });

  it('works on an empty archive', () => {
    expect(createSearchEngine([]).search('anything')).toEqual([]);
    expect(createSearchEngine([]).size).toBe(0);
  });

  it('builds docs from metadata, and from bodies only when given', async () => {
    const meta = archive.article(AWS_CEO)!;
    expect(toSearchDoc(meta, archive.authorsOf(meta))).toEqual({
      id: AWS_CEO,
      title: meta.title,
      dek: meta.dek,
      authors: 'Donna Goodison',
      lead: meta.lead,
    });
    expect(toSearchDoc(meta, archive.authorsOf(meta), archive.body(AWS_CEO)).body).toMatch(/Tableau Software/);
  });
});

describe('parseQuery', () => {
  it('splits words, field prefixes and quoted phrases', () => {
    expect(parseQuery('author:kaye "bottom line" title:aws by:Donna body:x dek:y')).toEqual([
      { text: 'kaye', field: 'authors' },
      { text: 'bottom line' },
      { text: 'aws', field: 'title' },
      { text: 'Donna', field: 'authors' },
      { text: 'x', field: 'body' },
      { text: 'y', field: 'dek' },
    ]);
  });

  it('keeps an unknown prefix as a plain word (re:Invent is not a field)', () => {
    expect(parseQuery('re:Invent')).toEqual([{ text: 're:Invent' }]);
  });

  it('drops empty terms and tolerates an unclosed quote', () => {
    expect(parseQuery('  ')).toEqual([]);
    expect(parseQuery('""')).toEqual([]);
    expect(parseQuery('"open ended')).toEqual([{ text: 'open ended' }]);
  });
});

describe('ranges and snippets', () => {
  it('cuts a snippet at word boundaries around the longest match, shifting ranges', () => {
    const text = 'word '.repeat(60) + 'NEEDLE ' + 'word '.repeat(60);
    const at = text.indexOf('NEEDLE');
    const s = snippetAround(text, [[at, at + 6]]);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.ranges).toHaveLength(1);
    expect(s.text.slice(s.ranges[0][0], s.ranges[0][1])).toBe('NEEDLE');
  });
});
