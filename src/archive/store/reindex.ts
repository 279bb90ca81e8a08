// byline reindex of a big archive: the word index, lookup, keys and catalog written anew.
import { BylineError } from '../../model/errors.js';
import { ARCHIVE_VERSION, type ArticleMeta } from '../../model/schema.js';
import { SegmentBuilder } from '../../search/segment.js';
import { isArticleMeta } from '../fast-validate.js';
import { indexPath } from '../index-path.js';
import { idOfLine, writeIndexLines, type StoredLines } from '../index-lines.js';
import { compact, segmentDoc, writeNewSegment } from '../segment-store.js';
import { bodyOfMeta } from './bodies.js';
import { crashPoint } from './import-write.js';

const ARCHIVE_EXIT = 2;

/** Rewrites a big archive's word index and derived files from its lines and bodies (the
 * removed rows are dropped: every row is counted anew). */
export async function rebuildLines(dir: string, lines: StoredLines, perSegment: number): Promise<void> {
  const names = new Map(lines.header.authors.map((a) => [a.id, a.name]));
  const segments: string[] = [];
  let docs = new SegmentBuilder();
  let row = 0;
  for (const line of lines.lines()) {
    const meta = JSON.parse(line) as ArticleMeta;
    if (!isArticleMeta(meta))
      throw new BylineError(
        `cannot read archive ${indexPath(dir)}: the article line of ${JSON.stringify(idOfLine(line))} does not match the schema`,
        ARCHIVE_EXIT,
      );
    docs.add(
      segmentDoc(
        meta,
        meta.authors.map((a) => names.get(a) ?? ''),
        bodyOfMeta(dir, meta) ?? [],
        row++,
      ),
    );
    if (docs.size >= perSegment) {
      segments.push(await writeNewSegment(dir, docs));
      docs = new SegmentBuilder();
    }
  }
  if (docs.size) segments.push(await writeNewSegment(dir, docs));
  const merged = await compact(dir, segments);
  crashPoint('segments-written');
  await writeIndexLines(dir, {
    header: { formatVersion: ARCHIVE_VERSION, segments: merged, authors: lines.header.authors },
    stored: { count: lines.count, lines: () => lines.lines() },
    changed: new Map(),
    added: 0,
    rebuildKeys: true,
  });
}
