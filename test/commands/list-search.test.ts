// `list`, `search`, `authors`, `author` and their usage errors, in-process (see support/in-process.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines } from '../support/cli.js';
import { runInProcess as byline } from '../support/in-process.js';
import { DEFAULT_ARCHIVE, ROOT } from '../support/paths.js';

/** What the page an article came from says about it: null when unknown. */
const PAGE_FIELDS = ['url', 'siteName', 'publishedAt', 'modifiedAt', 'language', 'archivedUrl'];

const index = JSON.parse(readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8'));
const IDS: string[] = index.articles.map((a: { id: string }) => a.id);
const AWS_CEO = 'aws-ceo-the-cloud-isnt-just-about-technology';
const JUDGE = 'judge-zia-faruqui-is-trying-to-teach-you-crypto-one-snl-reference-at-a-time';
const MLOPS = 'why-large-enterprises-struggle-to-find-suitable-platforms-for-mlops';

// Read-only runs against the committed archive: independent, so they run concurrently.
describe.concurrent('read-only commands', () => {
  describe('byline list', () => {
    it('prints the 6 articles, one per line, tab-separated when piped: id, title, authors, kind', async () => {
      const r = await byline(['list']);
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe('');
      const rows = lines(r.stdout).map((l) => l.split('\t'));
      expect(rows).toHaveLength(6);
      for (const row of rows) expect(row).toHaveLength(4);
      expect(rows.map((r) => r[0])).toEqual(IDS);
      expect(rows.map((r) => r[3])).toEqual(['full', 'excerpt', 'sponsored', 'excerpt', 'excerpt', 'excerpt']);
      expect(rows[0][2]).toBe('-');
      expect(rows[1]).toEqual([
        JUDGE,
        'Judge Zia Faruqui is trying to teach you crypto, one ‘SNL’ reference at a time',
        'Veronica Irwin',
        'excerpt',
      ]);
      expect(r.stdout).not.toMatch(/\u001b/);
    });

    it('--json: the documented shape, in archive order, absent values null', async () => {
      const r = await byline(['list', '--json']);
      expect(r.exitCode).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.map((a: { id: string }) => a.id)).toEqual(IDS);
      for (const a of json) {
        expect(Object.keys(a).sort()).toEqual(
          ['authors', 'dek', 'id', 'kind', ...PAGE_FIELDS, 'sponsored', 'tags', 'title', 'titleDerived', 'wordCount'].sort(),
        );
        for (const key of PAGE_FIELDS) expect(a[key]).toBeNull();
        expect(a.tags).toEqual([]);
        expect(typeof a.wordCount).toBe('number');
        for (const author of a.authors) expect(Object.keys(author).sort()).toEqual(['handle', 'id', 'name']);
      }
      expect(json[0]).toMatchObject({ kind: 'full', sponsored: false, titleDerived: false, authors: [] });
      expect(json[2]).toMatchObject({
        kind: 'excerpt',
        sponsored: true,
        titleDerived: true,
        authors: [{ name: 'Financial Technology Association', handle: null }],
      });
      expect(json[4]).toMatchObject({
        titleDerived: true,
        authors: [{ id: 'bennett-richardson', name: 'Bennett Richardson', handle: '@bennettrich' }],
      });
      expect(json[5].authors).toEqual([{ id: 'kate-kaye', name: 'Kate Kaye', handle: null }]);
    });

    it('--author filters by name, id or handle; --limit cuts', async () => {
      const [kaye, handle, limited, none] = await Promise.all([
        byline(['list', '--author', 'kaye']),
        byline(['list', '--author', '@vronirwin']),
        byline(['list', '--limit', '2']),
        byline(['list', '--author', 'nobody-at-all']),
      ]);
      expect(lines(kaye.stdout).map((l) => l.split('\t')[0])).toEqual([MLOPS]);
      expect(lines(handle.stdout).map((l) => l.split('\t')[0])).toEqual([JUDGE]);
      expect(lines(limited.stdout).map((l) => l.split('\t')[0])).toEqual(IDS.slice(0, 2));
      expect(none.exitCode).toBe(0);
      expect(none.stdout).toBe('');
    });

    it('uses BYLINE_ARCHIVE, and --archive over it', async () => {
      const bad = join(ROOT, 'test', 'fixtures', 'no-such-archive');
      const viaEnv = await byline(['list'], { env: { BYLINE_ARCHIVE: bad } });
      expect(viaEnv.exitCode).toBe(2);
      expect(viaEnv.stderr).toContain(join(bad, 'index.json'));
      const viaFlag = await byline(['list', '--archive', DEFAULT_ARCHIVE], { env: { BYLINE_ARCHIVE: bad } });
      expect(viaFlag.exitCode).toBe(0);
      expect(lines(viaFlag.stdout)).toHaveLength(6);
    });
  });

  describe('byline search', () => {
    it.each([
      ['selipsky', AWS_CEO],
      ['faruqi', JUDGE],
      ['mlops platfroms', MLOPS],
      ['author:kaye', MLOPS],
    ])('%s → its article first, tab-separated with a score', async (query, id) => {
      const r = await byline(['search', query]);
      expect(r.exitCode).toBe(0);
      const [first] = lines(r.stdout).map((l) => l.split('\t'));
      expect(first[0]).toBe(id);
      expect(first).toHaveLength(4);
      expect(Number(first[3])).toBeGreaterThan(0);
      expect(Number(first[3])).toBeLessThanOrEqual(1);
    });

    it('--json parses: [{id, title, authors, score, matches}]', async () => {
      const r = await byline(['search', 'aws', '--json']);
      expect(r.exitCode).toBe(0);
      const hits = JSON.parse(r.stdout);
      expect(hits.length).toBeGreaterThan(1);
      for (const h of hits) {
        expect(h).toEqual(
          expect.objectContaining({
            id: expect.any(String),
            title: expect.any(String),
            authors: expect.any(Array),
            score: expect.any(Number),
            matches: expect.any(Array),
          }),
        );
        expect(IDS).toContain(h.id);
        for (const m of h.matches)
          expect(m).toEqual({ field: expect.stringMatching(/^(title|dek|authors|lead|body)$/), ranges: expect.any(Array) });
      }
      const scores = hits.map((h: { score: number }) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('--limit caps the hits', async () => {
      const r = await byline(['search', 'aws', '--json', '--limit', '1']);
      expect(JSON.parse(r.stdout)).toHaveLength(1);
    });

    it('no hit → exit 1 with a message; --json gives []', async () => {
      const [text, json] = await Promise.all([byline(['search', 'zzqqxxyy']), byline(['search', 'zzqqxxyy', '--json'])]);
      expect(text.exitCode).toBe(1);
      expect(text.stdout).toBe('');
      expect(text.stderr).toBe('byline: no article matches "zzqqxxyy"\n');
      expect(json.exitCode).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual([]);
    });

    it('no query → usage error, exit 2', async () => {
      const r = await byline(['search']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^byline: search needs a query/);
    });
  });

  describe('byline authors / author', () => {
    it('authors: 5 lines, tab-separated; --json has bios and article ids', async () => {
      const [text, json] = await Promise.all([byline(['authors']), byline(['authors', '--json'])]);
      expect(text.exitCode).toBe(0);
      const rows = lines(text.stdout).map((l) => l.split('\t'));
      expect(rows.map((r) => r[1])).toEqual([
        'Veronica Irwin',
        'Financial Technology Association',
        'Donna Goodison',
        'Bennett Richardson',
        'Kate Kaye',
      ]);
      expect(rows.map((r) => r[3])).toEqual(['person', 'organization', 'person', 'person', 'person']);
      const authors = JSON.parse(json.stdout);
      expect(authors).toHaveLength(5);
      for (const a of authors) {
        expect(a.bio.length).toBeGreaterThan(50);
        expect(a.articles).toHaveLength(1);
      }
      expect(authors.find((a: { name: string }) => a.name === 'Kate Kaye')).toMatchObject({
        id: 'kate-kaye',
        handle: null,
        kind: 'person',
        articles: [MLOPS],
      });
    });

    it('author NAME: name, handle, bio and their articles', async () => {
      const r = await byline(['author', 'Donna', 'Goodison']);
      expect(r.exitCode).toBe(0);
      const out = lines(r.stdout);
      expect(out[0]).toBe('Donna Goodison');
      expect(out[1]).toBe('@dgoodison · person');
      expect(r.stdout).toMatch(/Donna Goodison \(@dgoodison\) is Protocol's senior reporter/);
      expect(out.at(-1)!.split('\t')[0]).toBe(AWS_CEO);
    });

    it('author finds by handle and by a typo; unknown → exit 1', async () => {
      const [handle, typo, none] = await Promise.all([
        byline(['author', '@bennettrich', '--json']),
        byline(['author', 'veronika irwin', '--json']),
        byline(['author', 'qqzzxx']),
      ]);
      expect(JSON.parse(handle.stdout).name).toBe('Bennett Richardson');
      expect(JSON.parse(typo.stdout).name).toBe('Veronica Irwin');
      expect(none.exitCode).toBe(1);
      expect(none.stderr).toBe('byline: no author matches "qqzzxx"\n');
    });
  });

  describe('usage errors', () => {
    it('bad numbers and formats are usage errors, exit 2', async () => {
      const results = await Promise.all([
        byline(['list', '--limit', '0']),
        byline(['list', '--limit', 'lots']),
        byline(['read', AWS_CEO, '--width', '0']),
        byline(['read', AWS_CEO, '--format', 'yaml']),
        byline(['read']),
        byline(['export', '--format', 'pdf']),
      ]);
      for (const r of results) {
        expect(r.exitCode, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/^byline: /);
        expect(lines(r.stderr)).toHaveLength(1);
      }
    });
  });
});
