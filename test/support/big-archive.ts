// A big archive (more than 1 000 articles: index.json one article a line, with an id lookup
// and a catalog beside it), built through the real importer, with one title word that only
// an early and a late article have — to tell what a search finds before the rest is read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Archive } from '../../src/archive/store.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';

export const BIG_COUNT = 1010;
/** In the titles of EARLY and LATE only. */
export const RARE_WORD = 'zeppelin';
export const EARLY = 2;
export const LATE = BIG_COUNT - 3;

const WORDS = ['harbour', 'ferry', 'council', 'budget', 'orchard', 'winter', 'railway', 'museum', 'bakery', 'tunnel', 'library', 'market'];

export const bigTitle = (n: number) => `Story ${n} of the ${WORDS[n % WORDS.length]}${n === EARLY || n === LATE ? ` ${RARE_WORD}` : ''}`;
export const bigBodyLine = (n: number) => `The paragraph of story ${n} about the ${WORDS[(n * 5) % WORDS.length]}.`;

function dump(count: number): string {
  return Array.from({ length: count }, (_, i) => `${bigTitle(i + 1)}\n\n${bigBodyLine(i + 1)}`).join('\n\n\n');
}

export async function bigArchive(dir: string, count = BIG_COUNT): Promise<string> {
  const archive = await Archive.open(dir, { create: true });
  await archive.import([{ file: 'many.txt', articles: parsePageDump(dump(count)) }], '2024-01-01T00:00:00.000Z');
  return dir;
}

/** The catalog's file name, as index.json names it. */
export const catalogFile = (dir: string) => join(dir, JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).catalog as string);

/** Spoils catalog line `n` (1-based, after the header) without changing the file's size, so
 * the header still agrees and only reading that far finds it. */
export function spoilCatalogLine(dir: string, n: number): void {
  const path = catalogFile(dir);
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[n] = lines[n]!.replace('["', '[#');
  writeFileSync(path, lines.join('\n'));
}
