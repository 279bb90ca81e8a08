// How big one article may be. The importer refuses more, and `byline read` and the reader
// refuse a bigger body file (an archive written by hand) before reading it: the same number
// on both sides, so whatever an import stores can be read. 4 MB is four times the longest
// real article we know of (a 1 MB one is a book chapter); laying that out stays quick, while
// a body fifty times bigger took minutes and gigabytes. It also bounds an import's memory:
// beyond the dump's own text, no line or article bigger than this is ever built.

export const MAX_ARTICLE_BYTES = 4 * 1024 * 1024;

/** "4 MB", "6.3 MB": sizes as the messages give them (MB = 1 048 576 bytes), rounded up,
 * so a size just past the limit never reads as the limit itself. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : (Math.ceil(mb * 10) / 10).toFixed(1)} MB`;
}

export const ARTICLE_LIMIT = `${megabytes(MAX_ARTICLE_BYTES)} (the limit for one article)`;

/** Why a body file of this size is not read, or undefined when it may be. */
export function bodyFileTooLarge(bytes: number): string | undefined {
  return bytes > MAX_ARTICLE_BYTES ? `the body file is ${megabytes(bytes)}, larger than ${ARTICLE_LIMIT}` : undefined;
}

/** The size of the body file the store writes for this body (`{ id, body }`, indent 1, ids
 * at most 80 characters), or an upper bound of it when that is clearly within the limit:
 * serialising every body of a 1 300-article import just to measure it would be waste. */
export function bodyFileBytes(body: readonly object[]): number {
  // Per character at most 6 bytes (a lone surrogate escaped as \uXXXX); per block at most
  // the indentation, keys and type name.
  let bound = 200;
  for (const block of body) for (const value of Object.values(block)) bound += 64 + 6 * String(value).length;
  if (bound <= MAX_ARTICLE_BYTES) return bound;
  return Buffer.byteLength(JSON.stringify({ id: 'x'.repeat(80), body }, null, 1)) + 1;
}
