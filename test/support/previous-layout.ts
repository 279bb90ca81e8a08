// Archives in the layouts earlier bylines wrote, for the tests of their upgrade in place.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LineRecord } from '../../src/archive/id-lookup.js';
import { decodeHeader } from '../../src/search/segment.js';
import { escapeNonAscii } from '../../src/archive/jsonfile.js';
import type { Index } from '../../src/model/schema.js';

/** index.json's text as byline wrote it before match keys and catalogs: header keys first
 * (version, segments, lookup, authors), one article a line, and where each article's line is. */
export function stringifyIndexLines(data: Index, lookup: string): { text: string; records: LineRecord[] } {
  const head: string[] = [`{"version":${JSON.stringify(data.version)},`];
  if (data.segments) head.push(`"segments":${JSON.stringify(data.segments)},`);
  head.push(`"lookup":${JSON.stringify(lookup)},`);
  head.push(data.authors.length === 0 ? '"authors":[],' : `"authors":[\n${data.authors.map((a) => JSON.stringify(a)).join(',\n')}\n],`);
  head.push('"articles":[');
  let lines = data.articles.map((a) => JSON.stringify(a));
  let headText = head.join('\n') + '\n';
  // Read whole below the line-wise size: all-ASCII keeps the text one byte a character.
  const total = headText.length + lines.reduce((n, l) => n + l.length + 2, 0);
  if (total < 32 << 20) {
    headText = escapeNonAscii(headText);
    lines = lines.map(escapeNonAscii);
  }
  const records: LineRecord[] = [];
  let offset = Buffer.byteLength(headText);
  for (let i = 0; i < lines.length; i++) {
    const length = Buffer.byteLength(lines[i]);
    records.push({ id: data.articles[i].id, offset, length });
    offset += length + (i < lines.length - 1 ? 2 : 1); // ",\n", or "\n" before the "]}"
  }
  return { text: `${headText}${lines.join(',\n')}\n]}`, records };
}

/** A segment as byline wrote it before segments recorded rows ("BYLS3": ids and vocabulary in
 * the header JSON), made from a segment of today's format: same words, same postings. */
export function segmentV3Of(segment: Buffer): Buffer {
  const header = decodeHeader(segment);
  const json = Buffer.from(JSON.stringify({ ids: header.ids(), vocab: header.vocab }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const offsets = Buffer.from(header.offsets.buffer, header.offsets.byteOffset, header.offsets.byteLength);
  return Buffer.concat([Buffer.from('BYLS3\n'), length, json, offsets, segment.subarray(header.postingsStart)]);
}

/** Rewrites every segment of an archive in the format before rows, in place. */
export function segmentsToV3(dir: string): void {
  const search = join(dir, 'search');
  for (const f of readdirSync(search).filter((f) => f.endsWith('.seg'))) {
    writeFileSync(join(search, f), segmentV3Of(readFileSync(join(search, f))));
  }
}
