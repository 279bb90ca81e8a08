// List rows (issue 10, defect 5): aligned columns — marker, title, author, date and site when
// the archive has them — each cut by display width.
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import stringWidth from 'string-width';
import { ArticleRow, rowColumns } from '../../src/tui/components/article-row.js';
import { orderArticles } from '../../src/tui/core/order.js';
import type { Author } from '../../src/model/schema.js';
import { articleMeta } from '../support/archives.js';

const kaye: Author = { id: 'kaye', name: 'Kate Kaye', bio: '', kind: 'person' };
const metas = [
  articleMeta({ id: 'a', title: 'A short title', authors: ['kaye'], publishedAt: '2022-11-14T09:00:00Z', siteName: 'Protocol' }),
  articleMeta({
    id: 'b',
    title: '東京の地図が売れている：紙の地図は電池も電波もいらない、その理由',
    kind: 'excerpt',
    publishedAt: '2021-02-01',
  }),
  articleMeta({ id: 'c', title: 'No date and no site, with a title long enough to be cut somewhere', authors: ['kaye'] }),
];

function rows(width: number) {
  const columns = rowColumns(width, { date: true, site: true });
  return metas.map((meta, i) => {
    const drawn = render(
      <ArticleRow
        row={{ meta, authors: meta.authors.length ? [kaye] : [], mark: {} }}
        selected={i === 0}
        width={width}
        columns={columns}
      />,
    );
    const line = stripAnsi(drawn.lastFrame() ?? '');
    drawn.unmount();
    return line;
  });
}

describe('list rows', () => {
  it('line up title, author, date and site at a wide terminal', () => {
    const lines = rows(120);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(120);
    expect(lines[0]).toContain('2022-11-14');
    expect(lines[0]).toContain('Protocol');
    expect(lines[1]).toContain('2021-02-01');
    expect(lines[1]).toContain('[excerpt]');
    const col = (line: string, text: string) => stringWidth(line.slice(0, line.indexOf(text)));
    expect(col(lines[0], 'Kate Kaye')).toBe(col(lines[2], 'Kate Kaye'));
    expect(col(lines[0], '2022-11-14')).toBe(col(lines[1], '2021-02-01'));
  });

  it('drop the site, then the date, as the terminal narrows; rows never wrap', () => {
    for (const width of [40, 60, 80, 100]) {
      const lines = rows(width);
      for (const l of lines) expect(stringWidth(l), `${width}: ${l}`).toBeLessThanOrEqual(width);
      expect(lines[0].includes('Protocol')).toBe(width >= 100);
      expect(lines[0].includes('2022-11-14')).toBe(width >= 66);
    }
  });

  it('sort by date puts the newest first and undated articles last', () => {
    expect(orderArticles(metas, () => [], 'date', null).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(orderArticles([...metas].reverse(), () => [], 'date', null).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
});
