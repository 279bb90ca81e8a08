// The list's columns: title (with its tags), author, site and date, each starting at the same
// column on every row, cut by display width, and never wider than the terminal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listColumns, rowCells, ROW_PREFIX_WIDTH, type RowText } from '../../src/tui/components/list-columns.js';
import { displayWidth } from '../../src/text/wrap.js';

const line = (cells: ReturnType<typeof rowCells>) =>
  cells.title + cells.tags + cells.afterTitle + cells.author + cells.afterAuthor + cells.page;
const at = (text: string, part: string) => displayWidth(text.slice(0, text.indexOf(part)));

const rows: RowText[] = [
  { title: 'A short title', tags: '', authors: 'Kate Kaye', site: 'protocol.com', date: '2022-11-15' },
  {
    title: 'A title long enough that it has to be cut somewhere before the author column begins',
    tags: ' [excerpt · 40%]',
    authors: 'Someone With A Very Long Name, And A Second Author',
    site: 'The Extremely Long Name Of A Newspaper',
    date: '2019-01-02',
  },
  {
    title: '東京の新しい地下鉄路線が開業する予定です、そして記事の題名は長い',
    tags: ' [sponsored]',
    authors: '山田太郎',
    site: 'ニュース.example',
    date: '',
  },
  { title: 'No site, no date', tags: '', authors: 'unknown', site: '', date: '' },
];

describe('listColumns', () => {
  it('at 80 and 120 columns: title, author, site and a 10-column date, the title widest', () => {
    for (const width of [80, 120]) {
      const c = listColumns(width, { sites: true, dates: true });
      expect(c.date).toBe(10);
      expect(c.site).toBeGreaterThanOrEqual(8);
      expect(c.title).toBeGreaterThan(c.author);
      expect(c.title).toBeGreaterThan(c.site);
      expect(ROW_PREFIX_WIDTH + c.title + 2 + c.author + 2 + c.site + 1 + c.date).toBeLessThanOrEqual(width);
    }
    expect(listColumns(120, { sites: true, dates: true }).title).toBeGreaterThanOrEqual(50);
  });

  it('no site or date column when no article has one', () => {
    expect(listColumns(100, { sites: false, dates: false })).toMatchObject({ site: 0, date: 0 });
    expect(listColumns(100, { sites: false, dates: true })).toMatchObject({ site: 0, date: 10 });
    expect(listColumns(100, { sites: true, dates: false }).date).toBe(0);
  });

  it('a narrow terminal gives up the site, then the date, before the title gets too narrow', () => {
    const narrow = listColumns(40, { sites: true, dates: true });
    expect(narrow.site).toBe(0);
    expect(narrow.title).toBeGreaterThanOrEqual(16);
  });
});

describe('rowCells', () => {
  it('every column starts at the same place on every row, and no row is wider than the terminal (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 240 }), fc.boolean(), fc.boolean(), (width, sites, dates) => {
        const columns = listColumns(width, { sites, dates });
        const lines = rows.map((r) => line(rowCells(r, columns)));
        for (const l of lines) expect(ROW_PREFIX_WIDTH + displayWidth(l)).toBeLessThanOrEqual(width);
        const cells = rows.map((r) => rowCells(r, columns));
        const authorAt = cells.map((c) => displayWidth(c.title + c.tags + c.afterTitle));
        expect(new Set(authorAt).size).toBe(1);
        expect(authorAt[0]).toBe(columns.title + 2);
        const pageAt = cells.filter((c) => c.page).map((c) => displayWidth(c.title + c.tags + c.afterTitle + c.author + c.afterAuthor));
        expect(new Set(pageAt).size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts the title by display width with "…", keeping the tags whole', () => {
    const columns = listColumns(80, { sites: true, dates: true });
    const long = rowCells(rows[1], columns);
    expect(long.title.endsWith('…')).toBe(true);
    expect(long.tags).toBe(' [excerpt · 40%]');
    expect(displayWidth(long.title + long.tags)).toBe(columns.title);
    const cjk = rowCells(rows[2], columns);
    expect(cjk.title.endsWith('…')).toBe(true);
    expect(displayWidth(cjk.title + cjk.tags)).toBeLessThanOrEqual(columns.title);
    expect(displayWidth(cjk.title + cjk.tags)).toBeGreaterThanOrEqual(columns.title - 1); // a wide character may leave one cell
  });

  it('the date is right-most, in its own column; a row without a site or date ends at its author', () => {
    const columns = listColumns(120, { sites: true, dates: true });
    const a = line(rowCells(rows[0], columns));
    const b = line(rowCells(rows[1], columns));
    expect(a.endsWith('2022-11-15')).toBe(true);
    expect(b.endsWith('2019-01-02')).toBe(true);
    expect(displayWidth(a)).toBe(displayWidth(b));
    expect(at(a, 'protocol.com')).toBe(at(b, 'The Extremely'));
    const bare = rowCells(rows[3], columns);
    expect(bare.page).toBe('');
    expect(bare.afterAuthor).toBe('');
  });

  it('a site without a date keeps the site column; a date without a site keeps the date column', () => {
    const columns = listColumns(120, { sites: true, dates: true });
    const siteOnly = line(rowCells({ ...rows[0], date: '' }, columns));
    const dateOnly = line(rowCells({ ...rows[0], site: '' }, columns));
    const both = line(rowCells(rows[0], columns));
    expect(at(siteOnly, 'protocol.com')).toBe(at(both, 'protocol.com'));
    expect(at(dateOnly, '2022-11-15')).toBe(at(both, '2022-11-15'));
  });
});
