// Line classifiers for page dumps. Each is a small, testable guess about one line.

const CREDIT_WORD = '(?:Photo illustration|Illustrations?|Photos?|Photograph|Images?|Graphic|Chart|Screenshot|Video|Animation|Gif)';
const CREDIT_LINE = new RegExp(`^${CREDIT_WORD}:\\s*\\S.{0,150}$`);
const GLUED_CREDIT = new RegExp(`^(.*\\S)(${CREDIT_WORD}:\\s*\\S.{0,150})$`);

export function isCreditLine(text: string): boolean {
  return CREDIT_LINE.test(text) && !/\p{Ll}{2}[.!?]\s+\p{Lu}/u.test(text);
}

/** "CaptionCaptionImage: Amazon" → the caption once and its credit. */
export function splitGluedCredit(text: string): { caption: string; credit: string } | null {
  const m = text.match(GLUED_CREDIT);
  if (!m || !isCreditLine(m[2])) return null;
  const glue = m[1].at(-1)!;
  if (/\s/.test(glue)) return null;
  const caption = m[1];
  const half = caption.length / 2;
  const once = Number.isInteger(half) && caption.slice(0, half) === caption.slice(half) ? caption.slice(0, half) : caption;
  // A credit word glued to a lowercase letter is a sentence ("…the photo: …"), not a figure.
  if (once === caption && /[a-z]$/.test(glue) && !/[a-z]\d*$/i.test(glue)) return null;
  return { caption: once.trim(), credit: m[2].trim() };
}

const WORDS = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A line that can stand as a title: short, no sentence punctuation at its end. */
export function isTitleLike(text: string): boolean {
  return text.length <= 200 && WORDS(text) <= 30 && !/[.!,;:]$/.test(text) && !isCreditLine(text) && /^[\p{L}\p{N}"“‘'(]/u.test(text);
}

/** A subheading inside a body: short, capitalised, not a sentence. */
export function isHeadingLike(text: string): boolean {
  return (
    text.length <= 80 &&
    WORDS(text) <= 12 &&
    /^[\p{Lu}\p{N}]/u.test(text) &&
    !/[.,;:!"”'’)\]]$/.test(text) &&
    !/[.!?]\s/.test(text) &&
    !isCreditLine(text)
  );
}

/** "Veronica Irwin": two to five capitalised words, nothing else. */
export function isNameLine(text: string): boolean {
  if (text.length > 60) return false;
  const words = text.split(' ');
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^(?:\p{Lu}[\p{L}'’.-]*|de|van|von|der|da|di|la|le|bin|al)$/u.test(w));
}

/** For spotting a pull quote that repeats an earlier paragraph. */
export function normalizeForCompare(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"‘’'«»]/g, '')
    .replace(/[.,;:!?…\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const MAX_DERIVED_TITLE = 80;

/** A title made from a paragraph's first sentence, cut at a word boundary. */
export function deriveTitle(paragraph: string): string {
  // A statement's period goes; a question or exclamation keeps its mark.
  const sentence = firstSentence(paragraph).replace(/\.+$/, '').trim();
  if (sentence.length <= MAX_DERIVED_TITLE) return sentence || 'Untitled';
  const cut = sentence.slice(0, MAX_DERIVED_TITLE);
  const space = cut.lastIndexOf(' ');
  return (space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/, '') + '…';
}

function firstSentence(text: string): string {
  // A period after a lone capital (U.S., T. Fong) is an abbreviation, not an end.
  const re = /[.!?](?=\s+["“]?\p{Lu})/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (/(?:^|[\s.])\p{Lu}$/u.test(before)) continue;
    return text.slice(0, m.index + 1);
  }
  return text;
}
