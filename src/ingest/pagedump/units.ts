// A page dump's lines classified one by one: text, list, figure credit, byline, date line,
// chrome, or the end of an article. Lines that touch are not glued into one block (a
// bullet list, a caption and its credit) unless the second continues the first's sentence.
import { isCreditLine, splitGluedCredit, splitTrailingCredit } from '../heuristics.js';
import { bareName, byline, dateLine, endsArticle, isChrome, listItem, wordCount } from './kinds.js';
import type { Line } from './lines.js';

export type UnitKind = 'text' | 'list' | 'credit' | 'figure' | 'byline' | 'date' | 'chrome' | 'noise' | 'end' | 'marker';

export interface Unit {
  kind: UnitKind;
  /** The line; a list's items joined by spaces; a figure's caption. */
  text: string;
  /** Blank lines before it. */
  gap: number;
  /** The dump line it starts on (1-based). */
  number: number;
  /** The line as the dump has it (a figure's caption and credit together). */
  source: string;
  items?: string[];
  ordered?: boolean;
  /** figure, credit */
  credit?: string;
  /** byline */
  names?: string[];
  /** byline, date */
  date?: string;
  /** Prose: sentences, or a long run of text. */
  good: boolean;
  words: number;
}

export const KEEP_READING = /^keep\s*reading\s*(?:show\s*less)?$/i;

/** Ends like a sentence (or a clause that leads into a list). */
const SENTENCE_END = /[.!?:;…。！？]["'”’»)\]]*$/u;

export function isGood(text: string, words: number): boolean {
  // The end alone is tested: an end-anchored pattern would scan the whole line.
  if ((words >= 5 && SENTENCE_END.test(text.slice(-8))) || text.length >= 120) return true;
  // CJK says in 30 characters what takes 100 in a spaced script, often without a full stop.
  return words >= 15 && text.length < words * 3;
}

function classify(line: Line): Unit {
  const { text, gap, number } = line;
  const words = wordCount(text);
  const unit = (kind: UnitKind, extra: Partial<Unit> = {}): Unit => ({
    kind,
    text,
    gap,
    number,
    source: text,
    good: false,
    words,
    ...extra,
  });
  if (KEEP_READING.test(text)) return unit('marker');
  // Numbers without words: the axis labels and values of a chart drawn as text.
  if (text.length <= 12 && !/\p{L}{2}/u.test(text) && /\d/.test(text)) return unit('noise');
  const item = listItem(text);
  if (item) {
    if (isChrome(item.item)) return unit('chrome');
    return unit('list', { items: [item.item], ordered: item.ordered, text: item.item });
  }
  if (isCreditLine(text)) return unit('credit', { credit: text });
  const date = dateLine(text);
  if (date) return unit('date', { date });
  const by = byline(text);
  if (by) return unit('byline', { names: by.names, ...(by.date ? { date: by.date } : {}) });
  if (endsArticle(text)) return unit('end');
  if (isChrome(text)) return unit('chrome');
  const glued = splitGluedCredit(text) ?? (words <= 60 ? splitTrailingCredit(text) : null);
  if (glued) return unit('figure', { text: glued.caption, credit: glued.credit });
  return unit('text', { good: isGood(text, words) });
}

/** Short enough to be a caption or alt text. */
const captionLike = (u: Unit | undefined): u is Unit => u !== undefined && u.kind === 'text' && u.words <= 40;

export function toUnits(lines: Line[]): Unit[] {
  const units: Unit[] = [];
  let afterMarker = false;
  for (const line of lines) {
    const unit = classify(line);
    const prev = units[units.length - 1];
    // A line that goes on with the sentence of the line it touches is the same paragraph.
    if (
      prev &&
      !afterMarker &&
      unit.kind === 'text' &&
      prev.kind === 'text' &&
      unit.gap === 0 &&
      /^\p{Ll}/u.test(unit.text) &&
      !/[.!?:;。！？]["'”’)]*$/u.test(prev.text.slice(-8))
    ) {
      prev.text += ' ' + unit.text;
      prev.source = prev.text;
      prev.words += unit.words;
      prev.good = isGood(prev.text, prev.words);
      continue;
    }
    // Items of one list: touching or one blank line apart, bulleted or numbered alike.
    if (unit.kind === 'list' && prev?.kind === 'list' && unit.gap <= 1 && prev.ordered === unit.ordered) {
      prev.items!.push(...unit.items!);
      prev.text += ' ' + unit.text;
      prev.words += unit.words;
      continue;
    }
    afterMarker = unit.kind === 'marker';
    units.push(unit);
  }
  // A lone numbered line is a sentence that starts with a number, not a list.
  for (const u of units) {
    if (u.kind === 'list' && u.ordered && u.items!.length === 1) {
      Object.assign(u, { kind: 'text', good: isGood(u.text, u.words) });
      delete u.items;
      delete u.ordered;
    }
  }
  const merged = attachCredits(units);
  for (const u of merged) if (u.kind === 'list') u.good = u.items!.some((item) => isGood(item, wordCount(item)));
  findBareBylines(merged);
  return merged;
}

/** What stands beside an author's name: a date, "Follow", "4 min read", the name again. */
const BESIDE_NAME = /^(?:follow|\d+ min(?:ute)?s? read)$/i;

/** A line that is only a person's name, touching a date or "Follow": the byline of blogs and
 * Medium-like pages ("Mike Conley" / "December 18, 2020"). */
function findBareBylines(units: Unit[]): void {
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.kind !== 'text' || u.words > 5) continue;
    const name = bareName(u.text);
    if (!name) continue;
    const prev = units[i - 1];
    const next = units[i + 1];
    const beside = (v: Unit | undefined) =>
      v !== undefined &&
      (v.kind === 'date' || (v.kind === 'chrome' && BESIDE_NAME.test(v.text)) || (v.kind !== 'text' ? false : v.text === u.text));
    if ((u.gap === 0 && beside(prev)) || (next?.gap === 0 && beside(next))) Object.assign(u, { kind: 'byline', names: [name] });
  }
}

/** A credit touching a short line becomes that line's figure: alt text or a caption above
 * it ("Harbor cranes" / "Image: …"), or below it ("Photo: …" / "Firefighters clear …"). */
function attachCredits(units: Unit[]): Unit[] {
  const used = new Set<Unit>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.kind !== 'credit' || used.has(u)) continue;
    const prev = units[i - 1];
    const next = units[i + 1];
    if (u.gap === 0 && captionLike(prev) && !used.has(prev)) {
      Object.assign(prev, { kind: 'figure', credit: u.credit, good: false });
      used.add(u);
    } else if (next && next.gap === 0 && captionLike(next)) {
      Object.assign(u, { kind: 'figure', text: next.text, good: false });
      used.add(next);
    }
  }
  return used.size ? units.filter((u) => !used.has(u)) : units;
}
