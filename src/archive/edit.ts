// Removing articles and setting tags: what an edit changes, worked out from the stored
// articles one at a time (a big index is read a line at a time, and only the lines of the
// articles named are parsed). The store commits the result like any write.
import { BylineError } from '../model/errors.js';
import { TAG, type ArticleMeta, type Author } from '../model/schema.js';
import { isArticleMeta } from './fast-validate.js';

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
  /** Position → id of each article removed. */
  removedAt: Map<number, string>;
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

/** What an edit needs of the stored articles: where each named one is, and which authors
 * the others still name. A big index answers through its lookup and keys, and reads the
 * rest only when a removal could leave an author without articles. */
export interface EditSource {
  /** The article with this id and its position, or undefined. */
  find(id: string): { position: number; meta: ArticleMeta } | undefined;
  /** Of `authorIds`, those named by an article not at one of `except`'s positions. */
  stillNamed(authorIds: ReadonlySet<string>, except: ReadonlyMap<number, string>): Set<string>;
}

/** An EditSource over articles held in memory (an index read whole). */
export function editSourceOf(articles: readonly ArticleMeta[]): EditSource {
  const at = new Map(articles.map((a, i) => [a.id, i]));
  return {
    find: (id) => {
      const position = at.get(id);
      return position === undefined ? undefined : { position, meta: articles[position] };
    },
    stillNamed: (authorIds, except) => {
      const named = new Set<string>();
      articles.forEach((a, i) => {
        if (!except.has(i)) for (const id of a.authors) if (authorIds.has(id)) named.add(id);
      });
      return named;
    },
  };
}

/** Works out an edit over the stored articles. */
export function planEdit(stored: EditSource, authors: readonly Author[], edit: ArticleEdit): EditPlan {
  const remove = new Set(edit.remove ?? []);
  const tags = edit.tags ?? new Map();
  const plan: EditPlan = {
    removed: [],
    tagged: [],
    authorsRemoved: [],
    missing: [],
    removedAt: new Map(),
    changed: new Map(),
    authors: [...authors],
  };
  const named: { position: number; meta: ArticleMeta }[] = [];
  for (const id of new Set([...remove, ...tags.keys()])) {
    const found = stored.find(id);
    if (found) named.push(found);
    else plan.missing.push(id);
  }
  // In archive order, as the articles are listed.
  for (const { position, meta: article } of named.sort((a, b) => a.position - b.position)) {
    const id = article.id;
    if (!isArticleMeta(article)) throw new Error(`the article line of ${JSON.stringify(id)} does not match the schema`);
    if (remove.has(id)) {
      plan.removedAt.set(position, id);
      plan.removed.push(article);
      continue;
    }
    const change = tags.get(id)!;
    const next = [...new Set([...(article.tags ?? []).filter((t) => !change.drop.includes(t)), ...change.add])];
    const same = next.length === (article.tags?.length ?? 0) && next.every((t) => article.tags?.includes(t));
    if (same) continue;
    const updated: ArticleMeta = { ...article, tags: next };
    if (next.length === 0) delete updated.tags;
    plan.changed.set(position, updated);
    plan.tagged.push(updated);
  }
  // An author goes with their last article.
  const candidates = new Set(plan.removed.flatMap((m) => m.authors));
  if (candidates.size) {
    const kept = stored.stillNamed(candidates, plan.removedAt);
    const gone = (a: Author) => candidates.has(a.id) && !kept.has(a.id);
    plan.authorsRemoved = authors.filter(gone);
    plan.authors = authors.filter((a) => !gone(a));
  }
  return plan;
}

/** True when the plan changes nothing on disk. */
export const planIsEmpty = (plan: EditPlan) => plan.removedAt.size === 0 && plan.changed.size === 0;
