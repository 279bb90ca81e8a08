// In-process: `byline read` in every format.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { lines } from '../support/cli.js';
import { runInProcess as byline } from '../support/in-process.js';
import { bodyFile, DEFAULT_ARCHIVE } from '../support/paths.js';

/** What the page an article came from says about it: null when unknown. */
const PAGE_FIELDS = ['url', 'siteName', 'publishedAt', 'modifiedAt', 'language', 'archivedUrl'];

const CHINA = 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while';
const JUDGE = 'judge-zia-faruqui-is-trying-to-teach-you-crypto-one-snl-reference-at-a-time';
const AWS_CEO = 'aws-ceo-the-cloud-isnt-just-about-technology';
const MLOPS = 'why-large-enterprises-struggle-to-find-suitable-platforms-for-mlops';
const body = (id: string) => JSON.parse(readFileSync(bodyFile(DEFAULT_ARCHIVE, id), 'utf8')).body as { type: string; text?: string }[];
const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe.concurrent('byline read', () => {
  it('text: title, dek, byline, excerpt notice and body, unwrapped and uncoloured when piped', async () => {
    const r = await byline(['read', JUDGE]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\u001b/);
    const out = lines(r.stdout);
    expect(out[0]).toBe('Judge Zia Faruqui is trying to teach you crypto, one ‘SNL’ reference at a time');
    expect(out[1]).toMatch(/^His decisions on major cryptocurrency cases/);
    expect(out[3]).toBe('By Veronica Irwin (@vronirwin)');
    expect(out[4]).toBe('Excerpt — the archive holds only the opening of this story');
    // Not wrapped: every paragraph is one line.
    for (const b of body(JUDGE)) if (b.type === 'paragraph') expect(out).toContain(b.text);
  });

  it('text: the full article shows "Author unknown", headings, the pull quote once and figures', async () => {
    const r = await byline(['read', CHINA]);
    const out = lines(r.stdout);
    expect(out[3]).toBe('Author unknown');
    expect(out).not.toContain('Excerpt — the archive holds only the opening of this story');
    for (const h of ['Locally sourced AI and data', 'National security meets big cloud AI', 'Tech and data at risk?'])
      expect(out).toContain(h);
    expect(out.filter((l) => l.startsWith('  ┃ '))).toEqual([
      '  ┃ “The bottom line is the Chinese government could walk into any of those data centers, and they do, and look at everything.”',
    ]);
    expect(out).toContain('[Figure] AWS balancing act — AWS is balancing profit potential in China with AI risk its own CEO warned about.');
    expect(out).toContain('Illustration: Christopher T. Fong/Protocol');
    expect(r.stdout).not.toMatch(/Keep Reading|Show less|Latest Stories/);
  });

  it('text --width N: every line fits and no word is lost', async () => {
    const [wrapped, plain] = await Promise.all([byline(['read', CHINA, '--width', '37']), byline(['read', CHINA])]);
    expect(wrapped.exitCode).toBe(0);
    for (const l of lines(wrapped.stdout)) expect(stringWidth(l), l).toBeLessThanOrEqual(37);
    const strip = (s: string) => words(s.replace(/ {2}┃ /g, ' '));
    expect(strip(wrapped.stdout)).toEqual(strip(plain.stdout));
  });

  it('markdown: # title, *dek*, **byline**, ## headings, > quotes, figures with credits', async () => {
    const r = await byline(['read', CHINA, '--format', 'markdown']);
    expect(r.exitCode).toBe(0);
    const parts = r.stdout.trimEnd().split('\n\n');
    expect(parts[0]).toBe('# Profits over politics: AWS and Microsoft execs warn of China’s AI threat while growing AI hubs inside China');
    expect(parts[1]).toMatch(/^\*The two biggest U\.S\. cloud companies.*\*$/);
    expect(parts[2]).toBe('**Author unknown**');
    expect(parts).toContain('## Tech and data at risk?');
    expect(parts.filter((p) => p.startsWith('> '))).toEqual([
      '> “The bottom line is the Chinese government could walk into any of those data centers, and they do, and look at everything.”',
    ]);
    expect(parts).toContain('*Swag from the AWS China Region booth at the AWS Re:Invent conference in 2019* — Image: Amazon');
  });

  it('markdown of an excerpt carries the excerpt notice', async () => {
    const r = await byline(['read', MLOPS, '-f', 'markdown']);
    expect(r.stdout).toContain('**By Kate Kaye**');
    expect(r.stdout).toContain('> Excerpt — the archive holds only the opening of this story');
  });

  it('json: list fields + authors with bio and kind + credits + typed body', async () => {
    const r = await byline(['read', AWS_CEO, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a).sort()).toEqual(
      ['authors', 'body', 'credits', 'dek', 'id', 'kind', ...PAGE_FIELDS, 'sponsored', 'tags', 'title', 'titleDerived', 'wordCount'].sort(),
    );
    expect(a).toMatchObject({
      id: AWS_CEO,
      title: 'AWS CEO: The cloud isn’t just about technology',
      kind: 'excerpt',
      sponsored: false,
      titleDerived: false,
      url: null,
      siteName: null,
      publishedAt: null,
      modifiedAt: null,
      language: null,
      archivedUrl: null,
      tags: [],
    });
    expect(a.authors).toEqual([
      {
        id: 'donna-goodison',
        name: 'Donna Goodison',
        handle: '@dgoodison',
        bio: expect.stringMatching(/^Donna Goodison \(@dgoodison\)/),
        kind: 'person',
      },
    ]);
    expect(a.credits).toEqual(['Photo: Noah Berger/Getty Images for Amazon Web Services']);
    expect(a.body).toEqual(body(AWS_CEO));
  });

  it('json: figures are {type, caption, credit} (plus an optional title)', async () => {
    const a = JSON.parse((await byline(['read', CHINA, '--format', 'json'])).stdout);
    const figures = a.body.filter((b: { type: string }) => b.type === 'figure');
    expect(figures).toHaveLength(3);
    for (const f of figures)
      expect(
        Object.keys(f)
          .filter((k) => k !== 'title')
          .sort(),
      ).toEqual(['caption', 'credit', 'type']);
    for (const b of a.body) expect(['paragraph', 'heading', 'quote', 'figure']).toContain(b.type);
    expect(a.authors).toEqual([]);
  });

  it('--json works as --format json', async () => {
    const [a, b] = await Promise.all([byline(['read', AWS_CEO, '--json']), byline(['read', AWS_CEO, '--format', 'json'])]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('a query instead of an id reads the best hit', async () => {
    const [selipsky, mlops, help] = await Promise.all([
      byline(['read', 'selipsky', '--json']),
      byline(['read', 'mlops', 'platfroms', '--json']),
      byline(['read', 'judge-zia-faruqui', '--json']),
    ]);
    expect(JSON.parse(selipsky.stdout).id).toBe(AWS_CEO);
    expect(JSON.parse(mlops.stdout).id).toBe(MLOPS);
    expect(JSON.parse(help.stdout).id).toBe(JUDGE);
  });

  it('a weak hit is not opened: exit 1 and the closest ids (a query that only fuzzy-matched a body)', async () => {
    const r = await byline(['read', 'elon', 'musk']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^byline: no article clearly matches "elon musk"; closest: [a-z0-9-]+/);
    expect(lines(r.stderr)).toHaveLength(1);
  });

  it('no hit → exit 1 and `byline: no article matches "…"`', async () => {
    const r = await byline(['read', 'qqxxzz', 'wwvv']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('byline: no article matches "qqxxzz wwvv"\n');
  });
});
