// Importer for page dumps: the text a browser gives when a news page is saved as text.
// A dump holds articles separated by blank-line runs; teasers end in "Keep Reading"
// followed by their author's name and bio. Unknown shapes degrade to title + paragraphs.
import type { Block } from '../archive/model.js';
import { sanitizeText } from '../text/sanitize.js';
import { deriveTitle, isCreditLine, isHeadingLike, isNameLine, isTitleLike, normalizeForCompare, splitGluedCredit } from './heuristics.js';
import { ArticleSize, checkArticle, checkLine } from './limits.js';

import type { ImportedArticle, ImportedAuthor } from './types.js';

export type { ImportedArticle, ImportedAuthor } from './types.js';

interface Token {
  text: string;
  /** Blank lines before this token. */
  gap: number;
  /** The line it starts on (1-based), for messages. */
  line: number;
}

const KEEP_READING = /^keep\s*reading\s*(?:show\s*less)?$/i;
const CHROME = /^(?:latest stories|related stories|recommended stories|more stories|advertisement|show less|show more|read more|subscribe|share this article|sign up)$/i;

/** Lines to tokens: a token is a run of non-blank lines, except that a
 * "Keep Reading" marker and the line after it stand alone (the author name line).
 * Throws TooLarge past a line's or an article's limit, before building more of it. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let gap = 0;
  let current: Token | null = null;
  let afterMarker = false;
  let number = 0;
  // Articles end where segment() ends them: at two blank lines or a "Keep Reading".
  const article = new ArticleSize();
  for (const raw of text.split('\n')) {
    checkLine(raw, ++number);
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) {
      gap++;
      current = null;
      continue;
    }
    const marker = KEEP_READING.test(line);
    if (gap >= 2) article.restart(number);
    if (current && !marker && !afterMarker) {
      current.text += ' ' + line;
      article.add(line, false);
    } else {
      current = { text: line, gap, line: number };
      tokens.push(current);
      article.add(line, true);
      if (afterMarker) current = null;
    }
    afterMarker = marker;
    if (marker) {
      current = null;
      article.restart(number + 1);
    }
    gap = 0;
  }
  return tokens.filter((t) => !CHROME.test(t.text));
}

interface Segment {
  tokens: Token[];
  excerpt: boolean;
  author?: ImportedAuthor;
  sponsored: boolean;
}

/** Consumes the author tail after a "Keep Reading" marker; returns how many tokens it used. */
function readAuthorTail(tokens: Token[], at: number, segment: Segment): number {
  const first = tokens[at];
  if (!first || first.gap >= 2) return 0;
  if (isNameLine(first.text)) {
    const bio = tokens[at + 1];
    const name = first.text;
    if (bio && bio.gap < 2 && bio.text.toLowerCase().startsWith(name.toLowerCase())) {
      segment.author = { name, handle: findHandle(bio.text), bio: bio.text, kind: 'person' };
      return 2;
    }
    segment.author = { name, bio: '', kind: 'person' };
    return 1;
  }
  if (first.text.length >= 100 && !isTitleLike(first.text)) {
    segment.author = { name: organizationName(first.text), bio: first.text, kind: 'organization' };
    segment.sponsored = true;
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

function segment(tokens: Token[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = { tokens: [], excerpt: false, sponsored: false };
  const close = () => {
    if (current.tokens.length > 0) segments.push(current);
    current = { tokens: [], excerpt: false, sponsored: false };
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (KEEP_READING.test(token.text)) {
      current.excerpt = true;
      i += readAuthorTail(tokens, i + 1, current);
      close();
      continue;
    }
    if (token.gap >= 2) close();
    current.tokens.push(token);
  }
  close();
  return segments;
}

interface Header {
  title: string;
  titleDerived: boolean;
  dek: string;
  blocks: Block[];
  credits: string[];
  rest: string[];
}

/** Title, dek and hero figure: "Title / dek / [figure title] / [caption] / Credit: …". */
function readHeader(texts: string[]): Header {
  const credits: string[] = [];
  let start = 0;
  while (start < texts.length && isCreditLine(texts[start])) credits.push(texts[start++]);
  const rest = texts.slice(start);

  if (rest.length < 2 || !isTitleLike(rest[0]) || credits.length > 0) {
    return { title: deriveTitle(rest[0] ?? credits[0] ?? 'Untitled'), titleDerived: true, dek: '', blocks: [], credits, rest };
  }
  const title = rest[0];
  const creditAt = rest.slice(1, 5).findIndex(isCreditLine) + 1;
  if (creditAt === 0) return { title, titleDerived: false, dek: '', blocks: [], credits, rest: rest.slice(1) };

  const dek = creditAt >= 2 ? rest[1] : '';
  const between = rest.slice(2, creditAt);
  const credit = rest[creditAt];
  credits.push(credit);
  const blocks: Block[] = [];
  if (between.length === 1) blocks.push({ type: 'figure', caption: between[0], credit });
  if (between.length >= 2) {
    blocks.push({ type: 'figure', title: between[0], caption: between.slice(1).join(' '), credit });
  }
  return { title, titleDerived: false, dek, blocks, credits, rest: rest.slice(creditAt + 1) };
}

function readBody(texts: string[], credits: string[], seed: Block[]): Block[] {
  const blocks = [...seed];
  const earlier: string[] = [];
  texts.forEach((text, i) => {
    const glued = splitGluedCredit(text);
    if (glued) {
      credits.push(glued.credit);
      blocks.push({ type: 'figure', caption: glued.caption, credit: glued.credit });
      return;
    }
    if (isCreditLine(text)) {
      credits.push(text);
      return;
    }
    if (isHeadingLike(text) && i < texts.length - 1) {
      blocks.push({ type: 'heading', text });
      return;
    }
    const norm = normalizeForCompare(text);
    if (norm.length >= 30 && earlier.some((p) => p.includes(norm))) {
      blocks.push({ type: 'quote', text });
      return;
    }
    earlier.push(norm);
    blocks.push({ type: 'paragraph', text });
  });
  return blocks;
}

function toArticle(seg: Segment): ImportedArticle | null {
  const header = readHeader(seg.tokens.map((t) => t.text));
  const body = readBody(header.rest, header.credits, header.blocks);
  checkArticle(body, seg.tokens[0].line);
  if (!body.some((b) => b.type !== 'figure') && !header.dek && header.titleDerived && !seg.author) return null;
  return {
    title: header.title,
    titleDerived: header.titleDerived,
    dek: header.dek,
    kind: seg.excerpt ? 'excerpt' : 'full',
    sponsored: seg.sponsored,
    authors: seg.author ? [seg.author] : [],
    body,
    credits: [...new Set(header.credits)],
  };
}

/** Parses one page dump. Throws only TooLarge (see limits.ts), past a line's or an article's
 * size limit; never on any string within them. */
export function parsePageDump(raw: string): ImportedArticle[] {
  const segments = segment(tokenize(sanitizeText(raw)));
  return segments.map(toArticle).filter((a): a is ImportedArticle => a !== null);
}
