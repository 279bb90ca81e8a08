// The importer's size limits at their edges: exactly the limit passes, one byte more does not.
import { describe, expect, it } from 'vitest';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { MAX_LINE_BYTES, TooLarge } from '../../src/ingest/limits.js';
import { bodyFileBytes, bodyFileTooLarge, MAX_ARTICLE_BYTES } from '../../src/model/limits.js';

const tooLarge = (text: string): string => {
  try {
    parsePageDump(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TooLarge);
    return (error as Error).message;
  }
  return '';
};

describe('page-dump limits', () => {
  it('one line: 4 MB of bytes pass the line check, one byte more is refused with its line number', () => {
    expect(MAX_LINE_BYTES).toBe(4 * 1024 * 1024);
    const exact = 'word '.repeat(MAX_LINE_BYTES / 5 - 1) + 'last!';
    expect(Buffer.byteLength(exact)).toBe(MAX_LINE_BYTES - 4);
    // A line as big as a whole article leaves no room for the rest of its body file: it is
    // the article that is refused then, from the line it starts on.
    expect(tooLarge(`Title\n\n${exact}1234`)).toBe('the article starting at line 1 is larger than 4 MB (the limit for one article)');
    expect(tooLarge(`Title\n\n${exact}12345`)).toBe('line 3 is longer than 4 MB (the limit for one line)');
    expect(tooLarge(`Title\n\n${exact.slice(0, -200)}`)).toBe('');
  });

  it('bytes, not characters: 2 MB of "é" (4 MB of UTF-8) plus one is refused', () => {
    expect(tooLarge(`Title\n\n\n\n${'é'.repeat(MAX_LINE_BYTES / 2 + 1)}`)).toBe('line 5 is longer than 4 MB (the limit for one line)');
  });

  it('an article whose text is under 4 MB but whose body file would not be (quotes are escaped) is refused', () => {
    const quotes = '"'.repeat(2.5 * 1024 * 1024);
    expect(tooLarge(`Intro story\n\nIts dek.\n\nA paragraph.\n\n\nQuoted story\n\nIts dek.\n\n${quotes}\n`)).toBe(
      'the article starting at line 8 is larger than 4 MB (the limit for one article)',
    );
  });

  it('articles are counted one at a time: two of 3 MB in one dump both import', () => {
    const big = 'word '.repeat((3 * 1024 * 1024) / 5).trim();
    const articles = parsePageDump(
      `The first of two long stories\n\nDek one.\n\n${big}\n\n\nThe second of two long stories\n\nDek two.\n\n${big}\n`,
    );
    expect(articles.map((a) => a.title)).toEqual(['The first of two long stories', 'The second of two long stories']);
  });

  it('the body-file size: exact once it could be near the limit, never under the real size', () => {
    const small = [{ type: 'paragraph', text: 'Short.' }];
    expect(bodyFileBytes(small)).toBeGreaterThanOrEqual(
      Buffer.byteLength(JSON.stringify({ id: 'x'.repeat(80), body: small }, null, 1)) + 1,
    );
    const big = [{ type: 'paragraph', text: 'é"'.repeat(400_000) }];
    expect(bodyFileBytes(big)).toBe(Buffer.byteLength(JSON.stringify({ id: 'x'.repeat(80), body: big }, null, 1)) + 1);
  });

  it('a body file of exactly 4 MB is read; one byte more is not', () => {
    expect(bodyFileTooLarge(MAX_ARTICLE_BYTES)).toBeUndefined();
    expect(bodyFileTooLarge(MAX_ARTICLE_BYTES + 1)).toBe('the body file is 4.1 MB, larger than 4 MB (the limit for one article)');
  });
});
