import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLinesFile, stringifyLines } from '../../src/archive/json-lines.js';
import { readJsonFileSync, stringifyJson } from '../../src/archive/jsonfile.js';
import { tempDir } from '../support/paths.js';

const dir = tempDir('byline-json-lines-');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('the line-wise JSON layout', () => {
  it('is JSON, and reads back line by line to the same value (property)', () => {
    const record = fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue())));
    fc.assert(
      fc.property(record, (data) => {
        const text = stringifyLines(data);
        const expected = JSON.parse(JSON.stringify(data));
        expect(JSON.parse(text)).toEqual(expected);
        expect(parseLinesFile(file('p.json', text))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('puts each item of a top-level array on its own line', () => {
    const text = stringifyLines({ version: 1, articles: [{ a: 1 }, { b: [2, 3] }], authors: [] });
    expect(text).toBe('{"version":1,\n"articles":[\n{"a":1},\n{"b":[2,3]}\n],\n"authors":[]}');
  });

  it('reads other layouts whole, and gives up (undefined) on text that is not JSON', () => {
    const data = { version: 1, articles: [{ id: 'x', t: 'é' }] };
    expect(parseLinesFile(file('indented.json', JSON.stringify(data, null, 1)))).toEqual(data);
    expect(parseLinesFile(file('compact.json', JSON.stringify(data)))).toEqual(data);
    expect(parseLinesFile(file('torn.json', '{"version":1,\n"articles":[\n{"id":"x"},\n{"id":'))).toBeUndefined();
    expect(parseLinesFile(file('nul.json', '{"version":1,\n"articles":[\n{"id":"x\u0000"}\n]}'))).toBeUndefined();
    // What one JSON.parse of the whole text would refuse, line by line is refused too.
    expect(parseLinesFile(file('no-comma.json', '{"version":1,\n"articles":[\n{"id":"x"}\n{"id":"y"}\n]}'))).toBeUndefined();
    expect(parseLinesFile(file('last-comma.json', '{"version":1,\n"articles":[\n{"id":"x"},\n]}'))).toBeUndefined();
    expect(parseLinesFile(file('split-number.json', '{"version":12\n34}'))).toBeUndefined();
    expect(parseLinesFile(file('nested.json', '{"a":{\n"articles":[\n{"id":"x"}\n]}}'))).toBeUndefined();
  });

  it('never accepts a damaged file that one parse of the whole text would refuse, nor reads it differently (property)', () => {
    const text = stringifyLines({
      version: 1,
      articles: [{ id: 'a', n: 12 }, { id: 'b', t: [1, 2] }, { id: 'c' }],
      authors: [{ id: 'z' }],
    });
    const damage = fc.record({
      at: fc.nat(text.length),
      cut: fc.nat(4),
      insert: fc.constantFrom('', ',', '\n', ']', '}', '"', '\\', '1', '\n{"id":"d"}', ',\n'),
    });
    fc.assert(
      fc.property(damage, ({ at, cut, insert }) => {
        const damaged = text.slice(0, at) + insert + text.slice(at + cut);
        let whole: unknown;
        try {
          whole = JSON.parse(damaged);
        } catch {
          whole = undefined;
        }
        const read = parseLinesFile(file('damaged.json', damaged));
        if (read !== undefined) expect(read).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads lines that run across many chunks, and files whose lines are too long to read that way', () => {
    const long = { version: 1, articles: [{ id: 'a' }, { id: 'b', bio: 'x'.repeat(2_500_000) }, { id: 'c' }] };
    const text = stringifyJson(long, { indent: 0, lines: true });
    expect(parseLinesFile(file('long.json', text))).toEqual(long);
    const huge = { version: 1, articles: [{ id: 'a', bio: 'y'.repeat(5_000_000) }] };
    const hugeFile = file('huge.json', stringifyJson(huge, { indent: 0, lines: true }));
    expect(parseLinesFile(hugeFile)).toBeUndefined();
    expect(readJsonFileSync(hugeFile, undefined, 1 << 20)).toEqual(huge);
  });

  it('a big file read line by line names the same problems as one read whole', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ id: `article-${i}`, title: `Title ${i} — café` }));
    const good = stringifyJson({ version: 1, articles: items }, { indent: 0, lines: true, ascii: true });
    expect(good.length).toBeGreaterThan(1 << 20);
    expect(readJsonFileSync(file('big.json', good), undefined, 1 << 20)).toEqual({ version: 1, articles: items });
    expect(() => readJsonFileSync(file('big-torn.json', good.slice(0, -100)), undefined, 1 << 20)).toThrow(/not valid JSON/);
    expect(() => readJsonFileSync(file('big-nul.json', good.replace('article-5"', 'article-5\u0000"')), undefined, 1 << 20)).toThrow(
      /NUL bytes/,
    );
    expect(() => readJsonFileSync(file('big-bom.json', `\ufeff${good}`), undefined, 1 << 20)).toThrow(/byte-order mark/);
  });
});
