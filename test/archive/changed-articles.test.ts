// What an import changes is kept as JSON text until its commit, in a spill file beside
// index.json (or in memory for a pure merge): it must give back exactly what was put in.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChangedArticles } from '../../src/archive/changed-articles.js';
import type { ArticleMeta } from '../../src/model/schema.js';
import { tempDir } from '../support/paths.js';

const meta = (id: string, title: string): ArticleMeta => ({
  id,
  title,
  titleDerived: false,
  dek: 'A dek with "quotes", a \\ and 東京 🚀',
  kind: 'full',
  sponsored: false,
  authors: ['a-1'],
  credits: [],
  lead: 'The lead.',
  source: { file: 'f.txt', importedAt: '2024-01-01T00:00:00.000Z' },
  wordCount: 3,
  hash: 'h',
  bodyFile: `${id}.0123456789abcdef.json`,
});

describe.each([
  ['in memory', () => undefined],
  ['in a spill file', () => tempDir('byline-changed-')],
])('changed articles kept %s', (_, folder) => {
  it('gives back what was set, by position; a later set of a position replaces the earlier; order is first set', () => {
    const changed = new ChangedArticles(folder());
    changed.set(5, meta('five', 'Five'));
    changed.set(2, meta('two', 'Two'));
    changed.set(5, meta('five', 'Five, corrected'));
    expect(changed.size).toBe(2);
    expect(changed.has(2)).toBe(true);
    expect(changed.has(3)).toBe(false);
    expect(changed.get(3)).toBeUndefined();
    expect(changed.get(5)).toEqual(meta('five', 'Five, corrected'));
    expect([...changed.keys()]).toEqual([5, 2]);
    expect([...changed].map(([p, m]) => [p, m.title])).toEqual([
      [5, 'Five, corrected'],
      [2, 'Two'],
    ]);
    expect([...changed.values()].map((m) => m.id)).toEqual(['five', 'two']);
    changed.close();
  });

  it('a copy each time: changing what get returned changes nothing kept', () => {
    const changed = new ChangedArticles(folder());
    changed.set(0, meta('zero', 'Zero'));
    changed.get(0)!.title = 'Changed';
    expect(changed.get(0)!.title).toBe('Zero');
    changed.close();
  });
});

describe('the spill file', () => {
  it('is not left in the folder, while the import runs (where the system allows) or after it', () => {
    const dir = tempDir('byline-changed-');
    const changed = new ChangedArticles(dir);
    for (let p = 0; p < 2000; p++) changed.set(p, meta(`a-${p}`, `Article ${p}`));
    if (process.platform !== 'win32') expect(readdirSync(dir)).toEqual([]);
    expect(changed.get(1999)!.title).toBe('Article 1999');
    changed.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});
