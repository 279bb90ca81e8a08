// Importer for page dumps: the text a browser gives when a news page is saved as text, or a
// text-mode browser's dump of it. Lines are classified by features that hold across sites
// (pagedump/units.ts); each article is the densest run of prose with the best-scoring title
// above it (pagedump/extract.ts). Teasers end in "Keep Reading" followed by their author's
// name and bio; a page of several full stories separates them with blank-line runs.
import { sanitizeText } from '../model/sanitize.js';
import { isNameLine, isTitleLike } from './heuristics.js';
import { extractArticle } from './pagedump/extract.js';
import { readLines } from './pagedump/lines.js';
import { toUnits, type Unit } from './pagedump/units.js';
import { ArticleSize, checkArticle, checkLine } from './limits.js';

export type { ImportedArticle, ImportedAuthor } from './types.js';
import type { ImportedArticle, ImportedAuthor } from './types.js';

interface StoryPart {
  units: Unit[];
  excerpt: boolean;
  author?: ImportedAuthor;
  sponsored: boolean;
}

/** Consumes the author tail after a "Keep Reading" marker; returns how many tokens it used. */
function readAuthorTail(tokens: Unit[], at: number, part: StoryPart): number {
  const first = tokens[at];
  if (!first || first.gap >= 2) return 0;
  if (isNameLine(first.source)) {
    const bio = tokens[at + 1];
    const name = first.source;
    if (bio && bio.gap < 2 && bio.source.toLowerCase().startsWith(name.toLowerCase())) {
      part.author = { name, handle: findHandle(bio.source), bio: bio.source, kind: 'person' };
      return 2;
    }
    part.author = { name, bio: '', kind: 'person' };
    return 1;
  }
  if (first.source.length >= 100 && !isTitleLike(first.source)) {
    part.author = { name: organizationName(first.source), bio: first.source, kind: 'organization' };
    part.sponsored = true;
    return 1;
  }
  return 0;
}

function findHandle(bio: string): string | undefined {
  const m = bio.match(/\(\s*(@[A-Za-z0-9_]{1,30})\s*\)/) ?? bio.match(/(?:^|\s)(@[A-Za-z0-9_]{1,30})\b/);
  return m?.[1];
}

function organizationName(blurb: string): string {
  const m = blurb.match(/^(?:The\s+)?((?:[A-Z][\w&'’.-]*\s+(?:(?:of|for|and|the|&)\s+)?){0,7}[A-Z][\w&'’.-]*)/);
  return m ? m[1].replace(/[.,]$/, '') : 'Sponsor';
}

/** A run of two or more blank lines starts another article when a headline follows it and the
 * article before has prose of its own: pages of several full stories are laid out so, while a
 * double blank line inside an article (before a paragraph) splits nothing. Dumps a text-mode
 * browser wrapped lay out one page, so only teaser tails split them. */
function startsArticle(units: Unit[], i: number, current: StoryPart): boolean {
  const u = units[i];
  if (u.gap < 2 || u.kind !== 'text' || !isTitleLike(u.text)) return false;
  const next = units[i + 1];
  if (!next || next.kind === 'marker' || next.gap >= 2) return false;
  // The article before has a body: prose, or any line besides its first.
  return current.units.some((x) => x.good) || current.units.filter((x) => x.kind === 'text' || x.kind === 'list').length >= 2;
}

function storyParts(units: Unit[], wrapped: boolean): StoryPart[] {
  const parts: StoryPart[] = [];
  let current: StoryPart = { units: [], excerpt: false, sponsored: false };
  const close = () => {
    if (current.units.some((u) => u.kind !== 'chrome' && u.kind !== 'noise' && u.kind !== 'end')) parts.push(current);
    current = { units: [], excerpt: false, sponsored: false };
  };
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (unit.kind === 'marker') {
      current.excerpt = true;
      i += readAuthorTail(units, i + 1, current);
      close();
      continue;
    }
    if (!wrapped && startsArticle(units, i, current)) close();
    current.units.push(unit);
  }
  close();
  return parts;
}

function toArticle(part: StoryPart): ImportedArticle | null {
  const found = extractArticle(part.units);
  if (!found) return null;
  if (!found.body.some((b) => b.type !== 'figure') && !found.dek && found.titleDerived && !part.author) return null;
  const authors: ImportedAuthor[] = part.author ? [part.author] : found.authors.map((name) => ({ name, bio: '', kind: 'person' as const }));
  return {
    title: found.title,
    titleDerived: found.titleDerived,
    dek: found.dek,
    kind: part.excerpt ? 'excerpt' : 'full',
    sponsored: part.sponsored,
    authors,
    body: found.body,
    credits: found.credits,
    ...(found.publishedAt ? { publishedAt: found.publishedAt } : {}),
  };
}

const KEEP_READING = /^\s*keep\s*reading\s*(?:show\s*less)?\s*$/i;

/** The size limits, checked in one pass over the lines before anything is built from them:
 * a line past the limit, or a run of lines with no article break (two blank lines or a
 * "Keep Reading") past an article's limit, throws TooLarge naming the line. */
function checkSizes(text: string): void {
  const article = new ArticleSize();
  let gap = 0;
  let number = 0;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    checkLine(line, ++number);
    if (!line.trim()) {
      gap++;
      continue;
    }
    if (gap >= 2) article.restart(number);
    article.add(line, gap > 0);
    if (KEEP_READING.test(line)) article.restart(number + 1);
    gap = 0;
  }
}

/** Parses one page dump. Throws only TooLarge, past a line's or an article's size limit
 * (src/ingest/limits.ts); any other string parses. */
export function parsePageDump(raw: string): ImportedArticle[] {
  const text = sanitizeText(raw);
  checkSizes(text);
  const { lines, wrapWidth } = readLines(text);
  const parts = storyParts(toUnits(lines), wrapWidth !== undefined);
  const articles: ImportedArticle[] = [];
  for (const part of parts) {
    const article = toArticle(part);
    if (!article) continue;
    checkArticle(article.body, part.units[0]?.number ?? 1);
    articles.push(article);
  }
  return articles;
}
