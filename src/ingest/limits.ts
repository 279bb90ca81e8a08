// The importer's size limits, checked as a dump is read so that nothing past them is ever
// built: an over-long line is refused before it is copied even once (it could take the whole
// heap), and an article is refused as soon as its running size passes the limit.
import { ARTICLE_LIMIT, bodyFileBytes, MAX_ARTICLE_BYTES, megabytes } from '../model/limits.js';

/** A dump past a limit: the message says which line or article (the caller names the file). */
export class TooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TooLarge';
  }
}

/** One line may hold a whole article, no more. */
export const MAX_LINE_BYTES = MAX_ARTICLE_BYTES;

/** Throws when a line (1-based number) is over MAX_LINE_BYTES of UTF-8. */
export function checkLine(line: string, number: number): void {
  // A UTF-16 unit is 1 to 3 bytes: only a line that could be over is measured in bytes.
  if (line.length * 3 <= MAX_LINE_BYTES) return;
  if (line.length > MAX_LINE_BYTES || Buffer.byteLength(line) > MAX_LINE_BYTES) {
    throw new TooLarge(`line ${number} is longer than ${megabytes(MAX_LINE_BYTES)} (the limit for one line)`);
  }
}

/** What a block costs in the body file besides its text (indent, braces, keys): a floor,
 * so the running count below never refuses an article the exact check would take. */
const BLOCK_OVERHEAD_BYTES = 40;

/** A running size of the article being read, from the line it starts on. */
export class ArticleSize {
  #bytes = 0;
  #start = 1;

  /** A new article starts at this line. */
  restart(line: number): void {
    this.#bytes = 0;
    this.#start = line;
  }

  /** Adds a line of text; `newBlock` when it starts a block. Throws past the limit. */
  add(text: string, newBlock: boolean): void {
    this.#bytes += text.length + (newBlock ? BLOCK_OVERHEAD_BYTES : 1);
    if (this.#bytes > MAX_ARTICLE_BYTES) throw articleTooLarge(this.#start);
  }
}

/** Throws when the body file of this article, starting at `line`, would be over the limit. */
export function checkArticle(body: readonly object[], line: number): void {
  if (bodyFileBytes(body) > MAX_ARTICLE_BYTES) throw articleTooLarge(line);
}

function articleTooLarge(line: number): TooLarge {
  return new TooLarge(`the article starting at line ${line} is larger than ${ARTICLE_LIMIT}`);
}
