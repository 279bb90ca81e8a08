// In-process: `byline export` as JSON and as markdown files with YAML front matter.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess as byline } from '../support/in-process.js';
import { bodyFile, DEFAULT_ARCHIVE, snapshotDir, tempDir } from '../support/paths.js';

const index = JSON.parse(readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8'));
const IDS: string[] = index.articles.map((a: { id: string }) => a.id);

let root: string;
let archiveBefore: Map<string, Buffer>;
beforeAll(() => {
  root = tempDir('byline-cli-export-');
  archiveBefore = snapshotDir(DEFAULT_ARCHIVE);
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  // Exporting never writes into the archive.
  expect(snapshotDir(DEFAULT_ARCHIVE)).toEqual(archiveBefore);
});

/** Splits "---\nk: v\n---\nbody" into parsed front matter values and the body. */
function parseFrontMatter(text: string): { meta: Record<string, unknown>; body: string } {
  expect(text.startsWith('---\n')).toBe(true);
  const end = text.indexOf('\n---\n', 4);
  expect(end).toBeGreaterThan(0);
  const meta: Record<string, unknown> = {};
  for (const line of text.slice(4, end).split('\n')) {
    const m = line.match(/^([A-Za-z]+): (.*)$/);
    expect(m, line).not.toBeNull();
    meta[m![1]] = JSON.parse(m![2]);
  }
  return { meta, body: text.slice(end + 5) };
}

describe.concurrent('byline export', () => {
  it('json to stdout: version, authors, and every article with its body', async () => {
    const r = await byline(['export']);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.version).toBe(1);
    expect(json.authors).toHaveLength(5);
    expect(json.articles.map((a: { id: string }) => a.id)).toEqual(IDS);
    for (const a of json.articles) {
      const stored = JSON.parse(readFileSync(bodyFile(DEFAULT_ARCHIVE, a.id), 'utf8'));
      expect(a.body).toEqual(stored.body);
      expect(a.url).toBeNull();
      expect(a.publishedAt).toBeNull();
    }
  });

  it('json --out DIR writes archive.json there and says so on stderr', async () => {
    const out = join(root, 'json-out');
    const [file, stdout] = await Promise.all([byline(['export', '--format', 'json', '--out', out]), byline(['export'])]);
    expect(file.exitCode).toBe(0);
    expect(file.stdout).toBe('');
    expect(file.stderr).toMatch(/^exported 6 articles to /);
    expect(readdirSync(out)).toEqual(['archive.json']);
    expect(readFileSync(join(out, 'archive.json'), 'utf8')).toBe(stdout.stdout);
  });

  it('markdown --out DIR: one file per article, YAML front matter, then the article', async () => {
    const out = join(root, 'md-out');
    const r = await byline(['export', '--format', 'markdown', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^exported 6 articles to /);
    expect(readdirSync(out).sort()).toEqual(IDS.map((id) => `${id}.md`).sort());
    const reads = await Promise.all(index.articles.map((meta: { id: string }) => byline(['read', meta.id, '--format', 'markdown'])));
    for (const [i, meta] of index.articles.entries()) {
      const { meta: fm, body } = parseFrontMatter(readFileSync(join(out, `${meta.id}.md`), 'utf8'));
      expect(Object.keys(fm)).toEqual(['id', 'title', 'dek', 'authors', 'kind', 'sponsored', 'url', 'publishedAt', 'wordCount']);
      expect(fm).toMatchObject({
        id: meta.id,
        title: meta.title,
        dek: meta.dek,
        kind: meta.kind,
        sponsored: meta.sponsored,
        url: null,
        publishedAt: null,
        wordCount: meta.wordCount,
      });
      expect(body.startsWith(`# ${meta.title}\n\n`)).toBe(true);
      expect(body).toBe(reads[i].stdout);
    }
    const judge = parseFrontMatter(
      readFileSync(join(out, 'judge-zia-faruqui-is-trying-to-teach-you-crypto-one-snl-reference-at-a-time.md'), 'utf8'),
    );
    expect(judge.meta.authors).toEqual(['Veronica Irwin']);
    const china = parseFrontMatter(
      readFileSync(join(out, 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while.md'), 'utf8'),
    );
    expect(china.meta.authors).toEqual([]);
  });

  it('markdown without --out is a usage error (exit 2)', async () => {
    const r = await byline(['export', '--format', 'markdown']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^byline: export --format markdown .*--out/);
  });
});
