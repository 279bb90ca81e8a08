// A big JSON object written with each item of its top-level arrays on a line of its own:
//   {"formatVersion":1,
//   "articles":[
//   {...},
//   {...}
//   ],
//   "authors":[]}
// Still plain JSON for jq or any parser, but it can be read a line at a time, so the whole
// text (tens of megabytes in a big archive, twice that while it is decoded) is never in memory at once.
import { closeSync, openSync, readSync } from 'node:fs';

export function stringifyLines(data: Record<string, unknown>): string {
  const stringify = (value: unknown) => JSON.stringify(value);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const name = JSON.stringify(key);
    if (!Array.isArray(value) || value.length === 0) parts.push(`${name}:${stringify(value)}`);
    else parts.push(`${name}:[\n${value.map(stringify).join(',\n')}\n]`);
  }
  return `{${parts.join(',\n')}}`;
}

const CHUNK = 1 << 20;
/** No line of the layout comes near this: a longer line (or skeleton) means another layout. */
const MAX_LINE = 4 << 20;
/** The longest article line a big index.json's line readers take (twice the article limit,
 * for escaping): past it the file is not one byline wrote. */
export const MAX_ARTICLE_LINE = 8 << 20;
const ARRAY_START = /^"((?:[^"\\]|\\.)*)":\[$/;

/** The newline-ended lines of an open file from byte `start`, each decoded as UTF-8 (a newline
 * byte is never inside a UTF-8 sequence, so no character is ever cut in two); returns what
 * follows the last newline, or null — and stops — once a line runs past `maxLine` bytes. */
export function* linesAt(fd: number, start: number, maxLine: number): Generator<string, string | null> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let position = start;
  /** The start of a line that runs on into the next chunk (copied: the buffer is reused). */
  let carry: Buffer | null = null;
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK, position);
    if (read === 0) break;
    position += read;
    const chunk = buffer.subarray(0, read);
    let from = 0;
    let end = chunk.indexOf(10);
    if (carry) {
      if (carry.length + (end === -1 ? read : end) > maxLine) return null;
      if (end === -1) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      yield Buffer.concat([carry, chunk.subarray(0, end)]).toString('utf8');
      carry = null;
      from = end + 1;
      end = chunk.indexOf(10, from);
    }
    for (; end !== -1; end = chunk.indexOf(10, from)) {
      yield chunk.toString('utf8', from, end);
      from = end + 1;
    }
    if (from < read) {
      if (read - from > maxLine) return null;
      carry = Buffer.from(chunk.subarray(from));
    }
  }
  return carry ? carry.toString('utf8') : '';
}

/** Each line of a file, the last one too; null, and no more, once a line runs past MAX_LINE. */
function* linesOf(path: string): Generator<string | null> {
  const fd = openSync(path, 'r');
  try {
    const tail = yield* linesAt(fd, 0, MAX_LINE);
    if (tail === null) yield null;
    else if (tail !== '') yield tail;
  } finally {
    closeSync(fd);
  }
}

/** Called with each item of a top-level array as soon as it is parsed, while it is fresh in
 * the cache: a reader can check it, index it, or drop what it will not use before the next
 * item is read, so that never adds up in memory. */
export type EachItem = (key: string, item: unknown) => void;

/** Parses a file in the line-wise layout; undefined when it is not in that layout (or is not
 * valid JSON at all), for the caller to read it whole and report the problem. */
export function parseLinesFile(path: string, each?: EachItem): unknown {
  let skeleton = '';
  const arrays = new Map<string, unknown[]>();
  let items: unknown[] | null = null;
  let key = '';
  /** Whether the last item ended with a comma: then another item must follow, else the end. */
  let comma = false;
  for (const line of linesOf(path)) {
    if (line === null || skeleton.length > MAX_LINE) return undefined;
    if (items) {
      if (line.startsWith(']')) {
        if (comma) return undefined;
        items = null;
        skeleton += `${line}\n`;
        continue;
      }
      if (items.length > 0 && !comma) return undefined;
      comma = line.endsWith(',');
      let item: unknown;
      try {
        item = JSON.parse(comma ? line.slice(0, -1) : line);
      } catch {
        return undefined;
      }
      each?.(key, item);
      items.push(item);
      continue;
    }
    // Newlines kept: without them "12\n34" would read as 1234.
    skeleton += `${line}\n`;
    const start = line.length < 1000 ? ARRAY_START.exec(line.replace(/^[{,]/, '')) : null;
    if (start) {
      items = [];
      comma = false;
      try {
        key = JSON.parse(`"${start[1]}"`) as string;
      } catch {
        return undefined;
      }
      arrays.set(key, items);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(skeleton);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  for (const [key, value] of arrays) {
    const placeholder = record[key];
    if (!Array.isArray(placeholder) || placeholder.length !== 0) return undefined;
    record[key] = value;
  }
  return record;
}
