// The word index on disk: search/words-NNNNNN.seg files, one per import. They are written
// before index.json, which names the ones that belong to it: the index is the commit point,
// so search never disagrees with it, whenever a write stops. Segments of one size tier are
// merged (streamed from the files, see segment-merge.ts) so one-article imports stay cheap and
// the count stays low; a segment past a size is never merged again, so no merge costs more
// than a fixed amount, whatever the size of the archive.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { mergeSegmentFiles, readFully, segmentRows } from './segment-merge.js';
import { currentRows } from '../search/removed-rows.js';
import { basename, join } from 'node:path';
import { blockText, SEGMENT_FILE, type ArticleMeta, type Block } from '../model/schema.js';
import { FIELD_BIT } from '../search/token-index.js';
import { writeFileAtomic } from './jsonfile.js';
import { encodeSegment, readHeader, type SegmentBuilder, type SegmentDoc } from '../search/segment.js';
import type { SegmentSource } from '../search/segment-index.js';
import { words } from '../search/tokenize.js';
import { WordIndexProblem } from './problems.js';
export { WordIndexProblem };

export const searchDir = (archiveDir: string) => join(archiveDir, 'search');

/** An article's words with the fields they are in; `row` is its position in index.json. */
export function segmentDoc(
  meta: Pick<ArticleMeta, 'id' | 'title' | 'dek' | 'lead'>,
  authorNames: string[],
  body: Block[],
  row: number,
): SegmentDoc {
  const found = new Map<string, number>();
  const add = (text: string, bit: number) => {
    for (const w of words(text)) found.set(w, (found.get(w) ?? 0) | bit);
  };
  add(meta.title, FIELD_BIT.title);
  add(authorNames.join(' '), FIELD_BIT.authors);
  add(meta.dek, FIELD_BIT.dek);
  add(meta.lead, FIELD_BIT.lead);
  add(body.map(blockText).join('\n'), FIELD_BIT.body);
  return { id: meta.id, row, words: found };
}

/** The segment files of this version of the index: the ones index.json names. */
function segmentFiles(archiveDir: string, names: readonly string[] = []): string[] {
  const dir = searchDir(archiveDir);
  return names.map((f) => join(dir, f));
}

const sequence = (file: string) => Number(file.match(/words-(\d{6})\.seg$/)![1]);
const segmentName = (seq: number) => `words-${String(seq).padStart(6, '0')}.seg`;

/** Numbers go up past every file in search/, named or not, so a new segment never lands on
 * the name of one a crashed import left behind. */
function nextSequence(archiveDir: string): number {
  const dir = searchDir(archiveDir);
  const onDisk = existsSync(dir) ? readdirSync(dir).filter((f) => SEGMENT_FILE.test(f)) : [];
  return onDisk.reduce((max, f) => Math.max(max, sequence(f)), 0) + 1;
}

async function writeSegment(archiveDir: string, seq: number, docs: SegmentDoc[] | SegmentBuilder): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(searchDir(archiveDir), { recursive: true });
  await writeFileAtomic(join(searchDir(archiveDir), segmentName(seq)), Array.isArray(docs) ? encodeSegment(docs) : docs.encode());
  return segmentName(seq);
}

/** The names of the segments of this version of the index (see segmentFiles). */
export const namedSegments = (archiveDir: string, names?: readonly string[]) => segmentFiles(archiveDir, names).map((f) => basename(f));

/** Writes a segment for these articles beside the current ones (merging none), and returns
 * its name. Nothing the current index names is changed or removed. */
export async function writeNewSegment(archiveDir: string, docs: SegmentDoc[] | SegmentBuilder): Promise<string> {
  return writeSegment(archiveDir, nextSequence(archiveDir), docs);
}

/** Writes a segment for these articles (and merges segments of one size tier if there are
 * enough of them) beside the current ones, and returns the segments the new index is to name.
 * Nothing the current index names is changed or removed: what it no longer needs goes after
 * the commit (removeUnnamedSegments). */
export async function addSegment(archiveDir: string, current: readonly string[] | undefined, docs: SegmentDoc[]): Promise<string[]> {
  const named = segmentFiles(archiveDir, current).map((f) => basename(f));
  if (docs.length === 0) return named;
  return compact(archiveDir, [...named, await writeNewSegment(archiveDir, docs)]);
}

/** Size tiers: a segment under TIER_BASE bytes is tier 0, then each tier is TIER_FAN times
 * the one before. TIER_FAN segments of one tier are merged into one of the next; a segment
 * past FINAL_BYTES is never merged again, so no merge reads more than TIER_FAN × FINAL_BYTES
 * and its cost does not grow with the archive (one import in many pays for a merge). */
export const TIERS = { base: 64 << 10, fan: 4, finalBytes: 8 << 20 };

const tierOf = (bytes: number) => (bytes < TIERS.base ? 0 : Math.floor(Math.log(bytes / TIERS.base) / Math.log(TIERS.fan)) + 1);

/** Which segments (positions in `sizes`, in order) to merge next: the lowest tier that has
 * TIER_FAN segments not yet final; undefined when none has. Pure, for tests. */
export function mergePlan(sizes: readonly number[]): number[] | undefined {
  const byTier = new Map<number, number[]>();
  sizes.forEach((bytes, i) => {
    if (bytes >= TIERS.finalBytes) return;
    const tier = tierOf(bytes);
    byTier.set(tier, [...(byTier.get(tier) ?? []), i]);
  });
  for (const tier of [...byTier.keys()].sort((a, b) => a - b)) {
    const members = byTier.get(tier)!;
    // The oldest TIER_FAN: a merge never reads more than that many, however many wait.
    if (members.length >= TIERS.fan) return members.slice(0, TIERS.fan);
  }
  return undefined;
}

/** Merges by size tier until no tier is full. Segments are in the index's order, oldest
 * first: a later copy of an article hides an earlier one. A merge keeps of each article only
 * the copy no later segment replaces, and takes the place of its newest member. */
export async function compact(archiveDir: string, names: string[], removedRows: readonly number[] = []): Promise<string[]> {
  const removed = new Set(removedRows);
  const dir = searchDir(archiveDir);
  let list = [...names];
  for (;;) {
    const plan = mergePlan(list.map((n) => statSync(join(dir, n)).size));
    if (!plan) return list;
    const first = plan[0];
    // Where each article's newest copy is, among the merged segments and those after them, by
    // row (read without their words or ids). The words of removed articles go here.
    const latest = new Map<number, number>();
    list.slice(first).forEach((name, k) => {
      for (const row of segmentRows(join(dir, name))) latest.set(row, first + k);
    });
    const outName = segmentName(nextSequence(archiveDir));
    await mergeSegmentFiles(
      plan.map((i) => join(dir, list[i])),
      join(dir, outName),
      (row, k) => latest.get(row) === plan[k] && !removed.has(row),
    );
    const last = plan[plan.length - 1];
    list = list.flatMap((n, i) => (i === last ? [outName] : plan.includes(i) ? [] : [n]));
  }
}

/** Removes what the index no longer names: segments it stopped naming, and what a write that
 * stopped half way left in search/ (segments nobody names, temp files). Only called under the
 * write lock, after the index is on disk. */
export async function removeUnnamedSegments(archiveDir: string, named: readonly string[]): Promise<void> {
  const dir = searchDir(archiveDir);
  if (!existsSync(dir)) return;
  const keep = new Set(named);
  const stray = readdirSync(dir).filter((f) => !keep.has(f) && (SEGMENT_FILE.test(f) || /^\.words-\d{6}\.seg\.tmp-/.test(f)));
  for (const f of stray) await rm(join(dir, f), { force: true });
}

/** Opens every segment for reading, its rows read through the archive's removed rows;
 * postings are read from disk as they are asked for. */
export function openSegments(
  archiveDir: string,
  names: readonly string[] | undefined,
  removedRows: readonly number[] = [],
): SegmentSource[] {
  return segmentFiles(archiveDir, names).map((file) => {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : 'it cannot be opened';
      throw new WordIndexProblem(`search index ${file} is unreadable: ${reason}`);
    }
    try {
      const read = readHeader((position, length) => readFully(fd, file, position, length));
      const header = { ...read, rows: currentRows(read.rows, removedRows) };
      return {
        header,
        read(term: number, list: 0 | 1) {
          const start = header.offsets[2 * term + list];
          const length = header.offsets[2 * term + list + 1] - start;
          const out = Buffer.alloc(length);
          readSync(fd, out, 0, length, header.postingsStart + start);
          return out;
        },
      };
    } catch (error) {
      closeSync(fd);
      throw new WordIndexProblem(`search index ${file} is unreadable: ${(error as Error).message}`);
    }
  });
}

/** True when the index names a word index (one that cannot be read says so when opened). */
export function hasWordIndex(names: readonly string[] | undefined): boolean {
  return (names?.length ?? 0) > 0;
}
