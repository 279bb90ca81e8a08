// After extraction: what an extractor keeps that is not the story's text. The title and
// byline repeated at the top, date lines, "Advertisement", share prompts, newsletter
// pitches, "Read more:" links and related-story lists. Generic rules, no site names.
import type { Block } from '../../model/schema.js';

export interface CleanContext {
  title: string;
  authors: string[];
  dek: string;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const words = (s: string) => (s.match(/\S+/g) ?? []).length;

/** Whole-block boilerplate, short by nature. */
const BOILERPLATE =
  /^(?:advertisement|advertising|ad|sponsored( content)?|story continues below( advertisement)?|continue reading( below| the (main )?story)?|article continues below|scroll to continue|share( this)?( article| story| page| on \w+)?|share via \w+|tweet( this)?|email( this)?( article)?|print( this)?( article)?|copy (the )?link|save( article)?|listen( to this article)?|\d+ min(ute)?s? (read|listen)|read more|see more|show more|more from [^.]{1,60}|related( (stories|articles|coverage|content|links|reading))?|recommended( (stories|articles|for you))?|you (may|might) also like|trending( now)?|most (read|popular)|image|photo|video|gallery|view gallery|open gallery|enlarge this image|toggle caption|hide caption|caption|click to enlarge|loading\.*|comments?|\d+ comments?|view comments|join the conversation|follow us( on \w+)?|skip (to|past) [^.]{1,40}|back to top|top of page|reprints?( & permissions)?|buy photo|updated|published)[.:!…]*$/i;

/** Short lines that pitch, point elsewhere or sign off. */
const PITCH =
  /^(?:(?:related|read more|read also|also read|more|see also|recommended|watch|listen|explore|don'?t miss|must read|most read|popular|trending|latest|further reading)\s*[:|»›>–—-]|sign up\b|subscribe\b|get (our|the) [^.]{0,40}newsletter|(?:join|follow) (us|[^.]{1,40}) on (twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube)|click here\b|this (article|story) (was|is) (originally|first) published|[^.]{1,60} is on (twitter|x|instagram|bluesky|threads|mastodon) at\b|follow [^.]{1,60} on (twitter|x|instagram|bluesky|threads|mastodon)\b|copyright\b|©|all rights reserved|(?:photo|image|illustration)s?\s*(?:credit)?\s*:|want more\b|like this (story|article)\b|support (our|independent) journalism|we (rely|depend) on (readers|you))/i;

const NEWSLETTER = /\b(newsletter|sign up|subscribe|inbox|unsubscribe)\b/i;
const DATE_LINE =
  /^(?:(?:updated|published|posted|last (?:updated|modified)|first published|on)\b[^.]{0,80}|[^.]{0,30}\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b[^.]{0,40}|[^.]{0,30}\b\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+\d{4}\b[^.]{0,40}|\d{4}-\d{2}-\d{2}(?:[t ][\d:.+-z]*)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:\s+\d{1,2}:\d{2}.*)?|\d+\s+(?:minutes?|hours?|days?)\s+ago)$/i;

const DATE_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|at|am|pm|a|p|m|updated|published|posted|on|et|edt|est|pt|pdt|pst|gmt|utc|bst|cet|cest)$/i;

/** "22 Dec, 2016", "Tue 5 March 2024 10.00 GMT": numbers and date words only. */
function onlyDateWords(text: string): boolean {
  if (!/\d/.test(text)) return false;
  const alphabetic = text.match(/\p{L}+/gu) ?? [];
  return alphabetic.every((w) => DATE_WORD.test(w));
}

function linkShare(block: Block): number {
  if (block.type === 'figure' || block.type === 'pre' || !block.marks?.length || !block.text) return 0;
  let linked = 0;
  let last = 0;
  for (const m of block.marks) {
    if (m.type !== 'link') continue;
    const start = Math.max(m.start, last);
    if (m.end > start) linked += m.end - start;
    last = Math.max(last, m.end);
  }
  return linked / block.text.length;
}

function isByline(text: string, authors: string[]): boolean {
  if (words(text) > 16) return false;
  if (/^(?:by|written by|words by|story by|reporting by|text by|von|par|por|di|door|av|af)\s+\p{Lu}/iu.test(text)) return true;
  const f = fold(text);
  if (!f) return false;
  const names = authors.map(fold).filter(Boolean);
  if (names.length === 0) return false;
  // The names, and little else ("Jane Doe, Staff writer", "Jane Doe and John Roe | Reuters").
  const rest = names
    .reduce((s, n) => s.replace(n, ' '), f)
    .replace(/\b(and|und|et|y|e|staff|writer|reporter|correspondent|editor|contributor|senior|reuters|ap|afp)\b/g, ' ')
    .trim();
  return names.some((n) => f.includes(n)) && words(rest) <= 3;
}

function isRelatedHeading(text: string): boolean {
  if (/^(?:more|other|latest|recent|top) [\w ]{0,30}(?:news|stories|articles|coverage|headlines)\s*:?$/i.test(text)) return true;
  return /^(?:related|more (?:from|on|about|stories|news|coverage)|read (?:more|next|also)|recommended|you (?:may|might) (?:also )?like|popular|trending|most (?:read|popular|viewed)|latest (?:news|stories)|further reading|in other news|around the web|what to read next|more in)\b/i.test(
    text,
  );
}

/** Blocks without the furniture. Keeps everything when the rules would leave nothing. */
export function cleanBlocks(input: Block[], ctx: CleanContext): Block[] {
  const title = fold(ctx.title);
  const dek = fold(ctx.dek);
  const out: Block[] = [];
  let skippingRelated = false;
  let seenText = false;
  input.forEach((block, i) => {
    if (block.type === 'figure') {
      out.push(block);
      return;
    }
    const text = block.text.trim();
    if (!text) return;
    const f = fold(text);
    const short = words(text) <= 14;
    const nearTop = !seenText || i < 4;
    const nearEnd = i >= input.length - 4;

    if (skippingRelated) {
      if (block.type === 'list' || linkShare(block) > 0.6 || (block.type === 'paragraph' && short)) return;
      skippingRelated = false;
    }
    if ((block.type === 'heading' || (block.type === 'paragraph' && words(text) <= 6)) && isRelatedHeading(text) && short) {
      const next = input[i + 1];
      if (!next || next.type === 'list' || linkShare(next) > 0.5 || next.type === 'heading') {
        skippingRelated = true;
        return;
      }
    }
    // The title again at the top. (A first paragraph that repeats the description stays: sites
    // often describe a story by its opening paragraph; the dek gives way instead.)
    if (
      (block.type === 'heading' || block.type === 'paragraph') &&
      nearTop &&
      f &&
      (f === title || (block.type === 'heading' && dek && f === dek))
    )
      return;
    if (block.type !== 'pre' && short && BOILERPLATE.test(text)) return;
    if (block.type !== 'pre' && words(text) <= 40 && PITCH.test(text)) return;
    if (
      block.type === 'paragraph' &&
      words(text) <= 40 &&
      NEWSLETTER.test(text) &&
      /\b(sign up|subscribe|newsletter)\b/i.test(text) &&
      (nearEnd || nearTop || linkShare(block) > 0)
    )
      return;
    if ((nearTop || nearEnd) && block.type !== 'list' && isByline(text, ctx.authors)) return;
    if (
      (nearTop || nearEnd) &&
      short &&
      (DATE_LINE.test(text) || onlyDateWords(text) || /\b(?:first )?published\b[^.]{0,40}\d{4}/i.test(text))
    )
      return;
    if (block.type === 'paragraph' && short && linkShare(block) > 0.8 && (nearEnd || nearTop)) return;
    // A short line twice in a row is a layout's double (a caption or a label for two screens).
    const prev = out[out.length - 1];
    if (short && prev && prev.type === block.type && 'text' in prev && fold(prev.text) === f) return;
    seenText ||= block.type === 'paragraph' && words(text) > 14;
    out.push(block);
  });
  return out.some((b) => b.type !== 'figure') ? out : input;
}
