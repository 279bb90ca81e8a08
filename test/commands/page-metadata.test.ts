// The page an article came from: its address, site, dates, language and snapshot reach
// `list --json` and `read --format json` as stored, and null when the archive does not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess as byline } from '../support/in-process.js';
import { cleanTemp, scratch, writeArchive } from '../support/hardening.js';

const PAGE = {
  url: 'https://news.example.com/2024/05/ferry',
  siteName: 'Example News',
  publishedAt: '2024-05-02T08:30:00Z',
  modifiedAt: '2024-05-03',
  language: 'en-GB',
  archivedUrl: 'https://web.archive.org/web/20240502/https://news.example.com/2024/05/ferry',
};

let dir: string;
beforeAll(() => {
  dir = writeArchive(scratch(), [
    { meta: { id: 'ferry', title: 'The river ferry', ...PAGE }, body: [{ type: 'paragraph', text: 'It sails.' }] },
    { meta: { id: 'bare', title: 'A story with no page' }, body: [{ type: 'paragraph', text: 'Plain.' }] },
  ]);
});
afterAll(cleanTemp);

describe.concurrent('page metadata in JSON output', () => {
  it('list --json carries it, null where unknown', async () => {
    const r = await byline(['list', '--json', '--archive', dir]);
    expect(r.exitCode).toBe(0);
    const [ferry, bare] = JSON.parse(r.stdout);
    expect(ferry).toMatchObject(PAGE);
    expect(bare).toMatchObject(Object.fromEntries(Object.keys(PAGE).map((k) => [k, null])));
  });

  it('read --format json carries it', async () => {
    const r = await byline(['read', 'ferry', '--format', 'json', '--archive', dir]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject(PAGE);
  });
});
