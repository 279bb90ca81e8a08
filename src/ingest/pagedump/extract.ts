// One article out of a run of classified units: the body is the densest run of content
// (menus before it and link lists after it drop out), the title the best-scoring candidate
// above the body, then the header under the title (dek, byline, date, hero figure).
import type { Block } from '../../model/schema.js';
import { deriveTitle, isHeadingLike, isTitleLike, normalizeForCompare } from '../heuristics.js';
import { findDate } from './kinds.js';
import type { Unit } from './units.js';

const findsDate = (text: string) => findDate(text) !== undefined;

export interface Extracted {
  title: string;
  titleDerived: boolean;
  dek: string;
  body: Block[];
  credits: string[];
  authors: string[];
  publishedAt?: string;
}

const FURNITURE = new Set(['credit', 'figure', 'byline', 'date']);
const isFurniture = (u: Unit) => FURNITURE.has(u.kind);
const isSkipped = (u: Unit) => u.kind === 'chrome' || u.kind === 'noise' || u.kind === 'end' || u.kind === 'marker';

/** How much a unit counts toward the body: prose for, furniture slightly and chrome strongly against. */
function weight(u: Unit): number {
  switch (u.kind) {
    case 'text':
      // CJK characters carry about three times what a Latin letter does.
      return u.good ? (u.text.length < u.words * 3 ? u.text.length * 3 : u.text.length) : -20;
    case 'list':
      return u.items!.reduce((sum, item) => sum + (item.length >= 60 ? item.length / 2 : -15), 0);
    case 'chrome':
      return -40;
    case 'noise':
      return -2;
    case 'end':
      return -400;
    case 'marker':
      return -40;
    default:
      return -5;
  }
}

/** Lines in a row without prose: past this many, they are the page's furniture (menus, link
 * lists, share bars, teaser headlines), not a subheading or a figure inside the article. */
const FURNITURE_RUN = 6;
const FURNITURE_WEIGHT = 2;
const ISOLATED_WEIGHT = 0.6;

/** The run with the largest total weight (Kadane), or null when nothing weighs for. */
function densestRun(units: Unit[]): { start: number; end: number } | null {
  // Each short line of a long stretch without prose weighs more against (chrome lines, which
  // sites put inside articles too, neither count nor weigh more).
  const weights = units.map(weight);
  // A paragraph alone between short lines is a teaser's summary more often than an article's.
  let prev: Unit | undefined;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (isSkipped(u)) continue;
    if (u.good && u.kind === 'text' && prev && !prev.good) {
      let next = i + 1;
      while (next < units.length && isSkipped(units[next])) next++;
      if (next < units.length && !units[next].good) weights[i] *= ISOLATED_WEIGHT;
    }
    prev = u;
  }
  for (let i = 0; i < units.length;) {
    let j = i;
    let short = 0;
    while (j < units.length && !units[j].good) if (units[j++].kind === 'text') short++;
    if (short >= FURNITURE_RUN) for (let k = i; k < j; k++) if (units[k].kind === 'text') weights[k] *= FURNITURE_WEIGHT;
    i = j + 1;
  }
  let best = 0;
  let bestRun: { start: number; end: number } | null = null;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < units.length; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += weights[i];
    if (sum > best) {
      best = sum;
      bestRun = { start, end: i };
    }
  }
  return bestRun;
}

/** How many paragraphs back a pull quote may repeat. */
const QUOTE_REACH = 20;

/** How deep into the run's prose a title may stand: a page's own headline can follow a few teasers. */
const TITLE_DEPTH = 0.15;

/** How far above the body's first paragraph a title may stand (units). */
const TITLE_REACH = 12;

/** Word stems (first five letters, lower case) of a text, for overlap between a title and its body. */
function stems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !COMMON.has(w)).map((w) => w.slice(0, 5));
}

/** Words too common to tell one text from another (English, and the commonest of a few other languages). */
const COMMON = new Set(
  'the and for from with that this are was were has have had not but you your our his her its who how what why when where which all can will into over after about than then they them their there been more most also just one two new out now get may per via les des une est pour par sur dans que qui der die das und mit von für den del los las por con para una que'.split(
    ' ',
  ),
);

/** Scores a title candidate: a headline is a short line with the article's furniture (dek,
 * byline, date, hero image) under it, its words in the body below, and no byline above it. */
function titleScore(
  units: Unit[],
  i: number,
  firstGood: number,
  timesOnPage: (u: Unit) => number,
  body: Set<string>,
  lostShare: number,
): number {
  const u = units[i];
  const w = u.words;
  // Headlines run four to fifteen words; kickers are shorter, deks longer.
  let score = w >= 4 && w <= 15 ? 2 : w >= 16 && w <= 25 ? 0 : w === 3 ? 0.5 : w === 2 ? -0.5 : w <= 1 ? -2 : -1;
  // What follows: the dek (a longer line), then a byline or date, or a figure right under it.
  let seen = 0;
  let goods = 0;
  for (let j = i + 1; j < units.length && seen < 5; j++) {
    const v = units[j];
    if (isSkipped(v)) continue;
    seen++;
    if (seen === 1 && v.kind === 'text' && (v.good || v.text.length > u.text.length)) score += 1;
    if (v.kind === 'byline' || v.kind === 'date') {
      // Right under the headline, or under its dek; further down it is another line's.
      score += seen === 1 ? 3 : seen === 2 ? 2.5 : 1;
      break;
    }
    if ((v.kind === 'figure' || v.kind === 'credit') && goods === 0 && seen <= 2) {
      score += 2;
      break;
    }
    if (v.good && ++goods > 1) break;
  }
  // A byline or date just above belongs to a headline further up.
  for (let j = i - 1, back = 0; j >= 0 && back < 2; j--) {
    if (isSkipped(units[j])) continue;
    back++;
    if (units[j].kind === 'byline' || units[j].kind === 'date') score -= 2;
  }
  // Paragraphs between the candidate and the body: it heads something else.
  let between = 0;
  for (let j = i + 1; j < firstGood; j++) if (units[j].good) between++;
  score -= Math.max(0, between - 1);
  // Below the first paragraph: the prose above it would be lost.
  score -= 25 * lostShare;
  // The headline's words come back in the body.
  const own = stems(u.text);
  if (own.length > 0) score += (3 * own.filter((s) => body.has(s)).length) / own.length - 1;
  if (w >= 2 && timesOnPage(u) > 1) score += 1;
  if (/^\p{Ll}/u.test(u.text)) score -= 2;
  if (w <= 3 && !/\p{Ll}/u.test(u.text)) score -= 1;
  if (/\s[|]\s/.test(u.text)) score -= 1;
  // A permalink mark ends a section's heading, not the headline.
  if (/\s[#¶§]$/.test(u.text)) score -= 2;
  if (findsDate(u.text)) score -= 2;
  // Letters, not rules or symbols.
  if ((u.text.match(/[\p{L}\p{N}\s]/gu)?.length ?? 0) < u.text.length * 0.7) score -= 3;
  if (u.gap >= 2 || i === 0) score += 0.5;
  return score;
}

/** A byline or date line within the next three lines. */
function bylineBelow(units: Unit[], i: number): boolean {
  for (let j = i + 1, seen = 0; j < units.length && seen < 3; j++) {
    if (isSkipped(units[j])) continue;
    seen++;
    if (units[j].kind === 'byline' || units[j].kind === 'date') return true;
  }
  return false;
}

function chooseTitle(units: Unit[], from: number, to: number, firstGood: number, runEnd: number): number {
  let near = firstGood;
  for (let seen = 0; near < to && seen < 4;) if (!isSkipped(units[++near])) seen++;
  // How often each candidate's text stands on the page (a headline is often repeated): only
  // lines of the same length are compared, so only a few are normalised.
  const byLength = new Map<number, Unit[]>();
  for (const u of units) {
    if (u.kind !== 'text' || u.words > 30) continue;
    const same = byLength.get(u.text.length);
    if (same) same.push(u);
    else byLength.set(u.text.length, [u]);
  }
  const timesOnPage = (u: Unit) => {
    const same = byLength.get(u.text.length) ?? [];
    if (same.length < 2) return same.length;
    const key = normalizeForCompare(u.text);
    return same.filter((v) => v === u || normalizeForCompare(v.text) === key).length;
  };
  // The body's vocabulary: the first few thousand characters of its prose.
  const body = new Set<string>();
  for (let j = firstGood, chars = 0; j <= runEnd && chars < 4000; j++) {
    if (!units[j].good) continue;
    chars += units[j].text.length;
    for (const s of stems(units[j].text)) body.add(s);
  }
  // The share of the run's prose that stands above each candidate.
  let prose = 0;
  const proseBefore: number[] = [];
  for (let j = firstGood; j <= runEnd; j++) {
    proseBefore[j] = prose;
    if (units[j].good) prose += units[j].text.length;
  }
  let best = -1;
  let bestScore = -Infinity;
  for (let i = from; i <= to; i++) {
    const u = units[i];
    // A line wholly in quotation marks is dialogue or a pull quote.
    if (u.kind !== 'text' || !isTitleLike(u.text) || /^["“‘'«].*["”’'»]$/.test(u.text)) continue;
    if (i > firstGood && (proseBefore[i] ?? 0) > prose * TITLE_DEPTH) break;
    // Below the first lines of prose only a headline with its byline or date under it.
    if (i > near && !bylineBelow(units, i)) continue;
    const score = titleScore(units, i, firstGood, timesOnPage, body, (proseBefore[i] ?? 0) / Math.max(1, prose));
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return bestScore >= 0 ? best : -1;
}

/** Where the header under the title ends (index of its last unit), or `title` when there is none.
 * Two shapes: the seed's — at most three lines (dek, figure title, caption) and then a credit,
 * byline or date — and the common one of a byline or date line within the first units, with
 * at most one paragraph (the dek) above it. */
function headerEnd(units: Unit[], title: number): number {
  let end = title;
  let texts = 0;
  for (let j = title + 1, seen = 0; j < units.length && seen < 4; j++) {
    const u = units[j];
    if (isSkipped(u)) continue;
    seen++;
    if (isFurniture(u)) {
      end = j;
      for (let k = j + 1; k < units.length && (isFurniture(units[k]) || isSkipped(units[k])); k++) if (isFurniture(units[k])) end = k;
      break;
    }
    if (u.kind !== 'text' || ++texts > 3) break;
  }
  let goods = 0;
  for (let j = title + 1, seen = 0; j < units.length && seen < 8; j++) {
    const u = units[j];
    if (isSkipped(u)) continue;
    seen++;
    if (u.kind === 'byline' || u.kind === 'date') {
      if (j > end) end = j;
      continue;
    }
    if (u.kind === 'list') break;
    const captionOfCredit = units[j + 1]?.kind === 'credit';
    if (u.good && !captionOfCredit && ++goods > 1) break;
  }
  return end;
}

export function extractArticle(units: Unit[]): Extracted | null {
  const content = units.filter((u) => !isSkipped(u));
  if (!content.some((u) => u.kind === 'text' || u.kind === 'list' || u.kind === 'figure')) {
    if (!content.some((u) => u.kind === 'credit')) return null;
  }
  const run = densestRun(units);
  const fallback = run === null;
  const start = run?.start ?? 0;
  const end = run?.end ?? units.length - 1;
  let firstGood = start;
  if (!fallback) while (firstGood < end && !units[firstGood].good) firstGood++;

  // The title: scored among the lines above the body; without prose, the first line as before.
  let title = -1;
  let reach = 0;
  if (content.length >= 2) {
    if (fallback) {
      const first = units.findIndex((u) => !isSkipped(u));
      if (units[first].kind === 'text' && isTitleLike(units[first].text)) title = first;
    } else {
      // Up to TITLE_REACH lines above the first paragraph (chrome not counted), a few below it.
      let from = firstGood;
      for (let seen = 0; from > 0 && seen < TITLE_REACH;) if (!isSkipped(units[--from])) seen++;
      title = chooseTitle(units, from, end, firstGood, end);
      reach = from;
    }
  }

  const credits: string[] = [];
  const authors: string[] = [];
  let publishedAt: string | undefined;
  const body: Block[] = [];
  const furniture = (u: Unit) => {
    if (u.kind === 'byline' && authors.length === 0 && u.names!.length > 0) authors.push(...u.names!);
    if (u.kind === 'byline' && u.date && !publishedAt) publishedAt = u.date;
    if (u.kind === 'date' && !publishedAt) publishedAt = u.date;
    if (u.kind === 'credit') credits.push(u.credit!);
    if (u.kind === 'figure') {
      credits.push(u.credit!);
      body.push({ type: 'figure', caption: u.text, credit: u.credit! });
    }
  };

  // Above the title: a hero figure, a byline or date, kept; kickers, menus and the rest dropped.
  const top = title >= 0 ? title : start;
  for (let j = fallback ? 0 : reach; j < top; j++) {
    if (fallback || j >= top - 3 || units[j].kind === 'figure') furniture(units[j]);
  }

  let dek = '';
  let bodyStart = top;
  if (title >= 0) {
    const last = headerEnd(units, title);
    const texts: Unit[] = [];
    let firstFurniture: Unit | undefined;
    for (let j = title + 1; j <= last; j++) {
      const u = units[j];
      if (isSkipped(u)) continue;
      if (isFurniture(u)) {
        if (!firstFurniture) firstFurniture = u;
        if (u === firstFurniture && u.kind === 'credit' && texts.length >= 2) {
          // The seed's hero: "figure title / caption / Credit: …" under the dek.
          const between = texts.slice(1).map((t) => t.text);
          credits.push(u.credit!);
          body.push(
            between.length === 1
              ? { type: 'figure', caption: between[0], credit: u.credit! }
              : { type: 'figure', title: between[0], caption: between.slice(1).join(' '), credit: u.credit! },
          );
          continue;
        }
        furniture(u);
      } else if (u.kind === 'text') {
        texts.push(u);
      }
    }
    if (last > title) dek = texts[0]?.text ?? '';
    bodyStart = last + 1;
  }

  // The body: from the header to the end of the densest run.
  const titleKey = title >= 0 ? normalizeForCompare(units[title].text) : '';
  const bodyEnd = Math.max(end, bodyStart - 1);
  const earlier: { text: string; norm?: string }[] = [];
  let lastText = -1;
  for (let j = bodyStart; j <= bodyEnd; j++) if (units[j].kind === 'text') lastText = j;
  let started = false;
  /** The paragraph just added and its unit: a credit under a short one makes it a caption. */
  let previous: { at: number; unit: Unit } | undefined;
  for (let j = bodyStart; j <= bodyEnd; j++) {
    const u = units[j];
    if (isSkipped(u)) continue;
    if (u.kind === 'credit' && previous && previous.unit.words <= 40 && u.gap <= 1 && body[previous.at]?.type === 'paragraph') {
      body[previous.at] = { type: 'figure', caption: previous.unit.text, credit: u.credit! };
      credits.push(u.credit!);
      previous = undefined;
      continue;
    }
    previous = undefined;
    if (u.kind !== 'text' && u.kind !== 'list') {
      if (u.kind === 'figure' || u.kind === 'credit' || !started) furniture(u);
      continue;
    }
    if (u.kind === 'list') {
      started = true;
      body.push({ type: 'list', ordered: u.ordered!, text: u.items!.join('\n') });
      continue;
    }
    if (title >= 0 && Math.abs(u.text.length - units[title].text.length) <= 8 && normalizeForCompare(u.text) === titleKey) continue;
    // Short lines between the header and the first paragraph are leftovers of the header.
    if (!started && !u.good && u.words < 8 && !fallback && title >= 0) continue;
    started = true;
    if (isHeadingLike(u.text) && j < lastText) {
      body.push({ type: 'heading', text: u.text });
      continue;
    }
    // A pull quote repeats a paragraph close above it; looking back a little keeps long dumps
    // linear, and a piece of its middle found as written spares normalising every paragraph.
    const recent = earlier.slice(-QUOTE_REACH);
    const middle = u.text.slice(Math.floor(u.text.length / 2) - 8, Math.floor(u.text.length / 2) + 8);
    if (u.text.length >= 30 && recent.some((p) => p.text.includes(middle))) {
      const norm = normalizeForCompare(u.text);
      if (norm.length >= 30 && recent.some((p) => (p.norm ??= normalizeForCompare(p.text)).includes(norm))) {
        body.push({ type: 'quote', text: u.text });
        continue;
      }
    }
    earlier.push({ text: u.text });
    previous = { at: body.length, unit: u };
    body.push({ type: 'paragraph', text: u.text });
  }

  // A byline or date line near the title, when the header held none.
  if (authors.length === 0 || !publishedAt) {
    const from = Math.max(0, top - 3);
    for (let j = from, seen = 0, goods = 0; j < units.length && seen < 12 && goods < 3; j++) {
      const u = units[j];
      if (isSkipped(u)) continue;
      seen++;
      if (u.good) goods++;
      if (u.kind === 'byline' && authors.length === 0 && u.names!.length > 0) authors.push(...u.names!);
      if ((u.kind === 'byline' || u.kind === 'date') && u.date && !publishedAt) publishedAt = u.date;
    }
  }

  const derivedFrom =
    title >= 0 ? undefined : (units.slice(start).find((u) => u.kind === 'text') ?? units.find((u) => u.kind === 'text'))?.text;
  return {
    title: title >= 0 ? units[title].text : deriveTitle(derivedFrom ?? credits[0] ?? 'Untitled'),
    titleDerived: title < 0,
    dek,
    body,
    credits: [...new Set(credits)],
    authors,
    ...(publishedAt ? { publishedAt } : {}),
  };
}
