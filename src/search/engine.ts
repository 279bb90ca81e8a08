// The one search engine: fuse.js ranks; every caller (CLI and reader) goes through here.
import Fuse, { type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import { parseQuery, type Field } from './query.js';
import { snippetAround, type Range, type Snippet } from './snippet.js';

export interface SearchDoc {
  id: string;
  title: string;
  dek: string;
  authors: string;
  lead: string;
  body?: string;
}

export interface FieldMatch {
  field: Field;
  ranges: Range[];
}

export interface Hit {
  id: string;
  /** 0..1, higher is better. */
  score: number;
  matches: FieldMatch[];
  snippet?: Snippet;
}

const WEIGHTS: Record<Field, number> = { title: 4, authors: 3, dek: 2, lead: 1, body: 1 };

export interface SearchEngine {
  search(query: string, limit?: number): Hit[];
  readonly size: number;
}

export function createSearchEngine(docs: SearchDoc[]): SearchEngine {
  const hasBody = docs.some((d) => d.body !== undefined);
  const fields = (Object.keys(WEIGHTS) as Field[]).filter((f) => f !== 'body' || hasBody);
  const options: IFuseOptions<SearchDoc> = {
    keys: fields.map((name) => ({ name, weight: WEIGHTS[name] })),
    includeScore: true,
    includeMatches: true,
    ignoreLocation: true,
    ignoreFieldNorm: true,
    threshold: 0.34,
    minMatchCharLength: 2,
  };
  const fuse = new Fuse(docs, options);
  const byId = new Map(docs.map((d) => [d.id, d]));

  return {
    size: docs.length,
    search(query, limit = 50) {
      const terms = parseQuery(query);
      if (terms.length === 0) return [];
      const expression = {
        $and: terms.map((t) => (t.field ? { [t.field]: t.text } : { $or: fields.map((f) => ({ [f]: t.text })) })),
      };
      return fuse.search(expression, { limit }).map((r) => toHit(r.item.id, r.score ?? 1, r.matches ?? [], byId.get(r.item.id)!));
    },
  };
}

function toHit(id: string, fuseScore: number, raw: readonly FuseResultMatch[], doc: SearchDoc): Hit {
  const grouped = new Map<Field, Range[]>();
  for (const m of raw) {
    const field = m.key as Field;
    const ranges = grouped.get(field) ?? [];
    for (const [start, end] of m.indices) ranges.push([start, end + 1]);
    grouped.set(field, ranges);
  }
  const matches = [...grouped].map(([field, ranges]) => ({ field, ranges: mergeRanges(ranges) }));
  const body = matches.find((m) => m.field === 'body');
  const hit: Hit = { id, score: Math.round((1 - fuseScore) * 1e4) / 1e4, matches };
  if (body && doc.body) hit.snippet = snippetAround(doc.body, body.ranges);
  return hit;
}

export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
