// Line classifiers for page dumps. Each is a small, testable guess about one line.

const CREDIT_WORD = '(?:Photo illustration|Illustrations?|Photos?|Photograph|Images?|Graphic|Chart|Screenshot|Video|Animation|Gif)';
const CREDIT_LINE = new RegExp(`^${CREDIT_WORD}:\\s*\\S.{0,150}$`);
const GLUED_CREDIT = new RegExp(`^(.*\\S)(${CREDIT_WORD}:\\s*\\S.{0,150})$`);
/** Credit words of other sites, with a colon: "Credit: …", "Photography: …". */
const OTHER_CREDIT_LINE =
  /^(?:Credits?|Photography|Pictures?|Picture credit|Photo credit|Image credit|Courtesy|Foto|Fotos|Bild|Source):\s*\S.{0,150}$/i;
/** "Photo by Mia Chen/AFP", "(Image courtesy of the museum)". */
const BY_CREDIT =
  /^\(?(?:photo(?:graph)?s?|images?|illustrations?|videos?|graphics?|pictures?|animation)\s+(?:by|courtesy(?: of)?|from|via)\s+\S[^()]{1,120}\)?$/i;
/** "Credit Ashraf Shazly/Agence France-Presse" (the New York Times' form, no colon). */
const CREDIT_NAME = /^Credits?\s+\p{Lu}.{1,120}$/u;
/** Picture agencies and libraries: a short line naming one is a credit ("REUTERS/Jonah Weiss",
 * "Bloomberg via Getty Images", "AP Photo/Jane Doe"). */
const AGENCY =
  /\b(?:Getty(?: Images)?|Shutterstock|iStock(?:photo)?|Alamy|Reuters|REUTERS|AP Photo|Associated Press|AFP|EPA(?:-EFE)?|Xinhua|DPA|dpa|PA (?:Images|Wire|Media)|Zuma(?: Press| Wire)?|NurPhoto|SOPA Images|Anadolu(?: Agency)?|Wikimedia Commons|Unsplash|Pexels|Kyodo|Yonhap|TASS|Polaris|Redux|Corbis|Magnum Photos|AAP|Bloomberg|Sipa(?: USA| Press)?|LightRocket|Picture Alliance|picture alliance|Agence France-Presse|The Associated Press)\b/;

const SENTENCE_INSIDE = /\p{Ll}{2}[.!?]\s+\p{Lu}/u;

function isAgencyCredit(text: string): boolean {
  if (text.length > 110 || !AGENCY.test(text) || /[.!?]$/.test(text.replace(/\b(?:Inc|Ltd|Co|Jr|Sr)\.$/, ''))) return false;
  const words = text.split(/\s+/);
  if (words.length > 12) return false;
  // "X/Agency", "X via Agency", or nothing but capitalised words around the agency's name.
  return /\/|\bvia\b|\bfor\b/.test(text) || words.every((w) => /^[\p{Lu}\p{N}(&|—–-]/u.test(w) || /^(?:of|the|and|de|via|for)$/.test(w));
}

export function isCreditLine(text: string): boolean {
  if (text.length > 200) return false;
  const labelled = text.includes(':') && (CREDIT_LINE.test(text) || OTHER_CREDIT_LINE.test(text));
  // The other forms never end a sentence.
  const other =
    !labelled &&
    !/[.!?]$/.test(text) &&
    (BY_CREDIT.test(text) || isAgencyCredit(text) || (CREDIT_NAME.test(text) && /\/|\bvia\b/.test(text)));
  return (labelled || other) && !SENTENCE_INSIDE.test(text);
}

/** The seed's credit form only ("Photo: …", "Image: …"): the one the seed's layout rules are about. */
export function isSeedCreditLine(text: string): boolean {
  return CREDIT_LINE.test(text) && !SENTENCE_INSIDE.test(text);
}

/** A credit at the end of a caption, after a space: "Smoke at dusk. Photograph: Sam Okoro/Reuters",
 * "Residents gather. Getty Images", "Evacuees wait (Photo by Mia Chen/AFP via Getty Images)",
 * "… fronts. Credit Ashraf Shazly/Agence France-Presse — Getty Images". */
export function splitTrailingCredit(text: string): { caption: string; credit: string } | null {
  // A credit ends the line without a full stop; most lines end in one and are passed over here.
  if (text.length > 600 || /[.!?:;,"”’]$/.test(text)) return null;
  const open = text.endsWith(')') ? text.lastIndexOf('(') : -1;
  if (open > 0) {
    const inner = text.slice(open + 1, -1);
    if (isCreditLine(inner)) return { caption: text.slice(0, open).trim(), credit: inner.trim() };
  }
  if (!text.includes(':') && !text.includes('Credit') && !AGENCY.test(text)) return null;
  const labelled = text.match(
    /^(.*\S)\s+((?:Photo illustration|Illustrations?|Photos?|Photograph|Images?|Credits?|Photography|Picture|Photo credit|Image credit|Source)\s*:\s*\S.{0,150})$/,
  );
  if (labelled && isCreditLine(labelled[2])) return { caption: labelled[1].trim(), credit: labelled[2].trim() };
  const nyt = text.match(/^(.*[.!?"”’)])\s+(Credits?\s+\p{Lu}.{1,120})$/u);
  if (nyt && !/[.!?]$/.test(nyt[2])) return { caption: nyt[1].trim(), credit: nyt[2].trim() };
  // The words after the caption's last sentence: "… evacuation centre. Getty Images".
  const end = Math.max(
    text.lastIndexOf('. '),
    text.lastIndexOf('! '),
    text.lastIndexOf('? '),
    text.lastIndexOf('” '),
    text.lastIndexOf(') '),
  );
  if (end > 0) {
    const tail = text.slice(end + 2).trim();
    if (tail.length >= 3 && tail.length <= 110 && !/[.!?]/.test(tail) && isAgencyCredit(tail))
      return { caption: text.slice(0, end + 1).trim(), credit: tail };
  }
  return null;
}

/** "CaptionCaptionImage: Amazon" → the caption once and its credit. */
export function splitGluedCredit(text: string): { caption: string; credit: string } | null {
  if (!text.includes(':')) return null;
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
  return (
    words.length >= 2 && words.length <= 5 && words.every((w) => /^(?:\p{Lu}[\p{L}'’.-]*|de|van|von|der|da|di|la|le|bin|al)$/u.test(w))
  );
}

/** For spotting a pull quote that repeats an earlier paragraph. */
export function normalizeForCompare(text: string): string {
  const folded = text.toLowerCase().replace(/[“”"‘’'«»]/g, '');
  // Trailing punctuation and space cut by hand: the regex form backtracks on long lines.
  let end = folded.length;
  while (end > 0 && TRAILING.test(folded[end - 1])) end--;
  return folded.slice(0, end).replace(/\s+/g, ' ').trim();
}

const TRAILING = /[.,;:!?…\s]/;

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
