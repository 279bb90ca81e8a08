// Removing articles and setting tags: what an edit changes, worked out from the stored
// articles one at a time (a big index is read a line at a time, and only the lines of the
// articles named are parsed). The store commits the result like any write.
import { BylineError } from '../model/errors.js';
import { TAG, type ArticleMeta, type Author } from '../model/schema.js';
import { isArticleMeta } from './fast-validate.js';
import { idOfLine } from './index-lines.js';

/** One edit: articles to remove, and tags to add to or take from articles. */
export interface ArticleEdit {
  remove?: readonly string[];
  tags?: ReadonlyMap<string, { add: readonly string[]; drop: readonly string[] }>;
}

export interface EditResult {
  /** The articles removed, as they were. */
  removed: ArticleMeta[];
  /** The articles whose tags changed, as they are now. */
  tagged: ArticleMeta[];
  /** Authors removed with their last article. */
  authorsRemoved: Author[];
  /** Ids the edit named that the archive does not have. */
  missing: string[];
}

/** The plan of an edit over the stored articles: by position. */
export interface EditPlan extends EditResult {
  removedAt: Set<number>;
  changed: Map<number, ArticleMeta>;
  authors: Author[];
}

/** A tag as stored: lower case, NFC; a bad one is refused as usage (exit 2). */
export function normalTag(text: string): string {
  const tag = text.normalize('NFC').toLowerCase();
  if (!TAG.test(tag))
    throw new BylineError(
      `not a tag: ${JSON.stringify(text)} (a tag is one word of at most 40 letters, digits and -_./, starting with a letter or digit)`,
      2,
    );
  return tag;
}

const AUTHORS_KEY = '"authors":[';

/** The author ids of an article line, without parsing the line (ids are slugs: never escaped). */
function authorIdsOfLine(line: string): string[] {
  const at = line.indexOf(AUTHORS_KEY);
  if (at < 0) return [];
  const end = line.indexOf(']', at);
  const list = line.slice(at + AUTHORS_KEY.length, end);
  return list ? list.split(',').map((s) => s.slice(1, -1)) : [];
}

/** Works out an edit over the stored articles, given as lines (a big index) or metadata. */
export function planEdit(stored: Iterable<string | ArticleMeta>, authors: readonly Author[], edit: ArticleEdit): EditPlan {
  const remove = new Set(edit.remove ?? []);
  const tags = edit.tags ?? new Map();
  const plan: EditPlan = {
    removed: [],
    tagged: [],
    authorsRemoved: [],
    missing: [],
    removedAt: new Set(),
    changed: new Map(),
    authors: [...authors],
  };
  const used = new Set<string>();
  const found = new Set<string>();
  let position = 0;
  for (const item of stored) {
    const at = position++;
    const id = typeof item === 'string' ? idOfLine(item) : item.id;
    const named = remove.has(id) || tags.has(id);
    if (!named) {
      if (remove.size) for (const a of typeof item === 'string' ? authorIdsOfLine(item) : item.authors) used.add(a);
      continue;
    }
    found.add(id);
    const meta = typeof item === 'string' ? (JSON.parse(item) as unknown) : item;
    if (!isArticleMeta(meta)) throw new Error(`the article line of ${JSON.stringify(id)} does not match the schema`);
    const article = meta as ArticleMeta;
    if (remove.has(id)) {
      plan.removedAt.add(at);
      plan.removed.push(article);
      continue;
    }
    for (const a of article.authors) used.add(a);
    const change = tags.get(id)!;
    const next = [...new Set([...(article.tags ?? []).filter((t) => !change.drop.includes(t)), ...change.add])];
    const same = next.length === (article.tags?.length ?? 0) && next.every((t) => article.tags?.includes(t));
    if (same) continue;
    const updated: ArticleMeta = { ...article, tags: next };
    if (next.length === 0) delete updated.tags;
    plan.changed.set(at, updated);
    plan.tagged.push(updated);
  }
  plan.missing = [...new Set([...remove, ...tags.keys()])].filter((id) => !found.has(id));
  if (plan.removed.length) {
    plan.authorsRemoved = authors.filter((a) => !used.has(a.id));
    plan.authors = authors.filter((a) => used.has(a.id));
  }
  return plan;
}

/** True when the plan changes nothing on disk. */
export const planIsEmpty = (plan: EditPlan) => plan.removedAt.size === 0 && plan.changed.size === 0;
