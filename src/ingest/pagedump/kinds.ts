// What one line of a page dump is, by patterns that hold across sites: page chrome, bylines,
// date lines, list items. Each function looks at one line of text, never at its neighbours.

/** Lines longer than this are prose, whatever words they start with. */
const SHORT = 200;

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
export const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

/** Words, counting a run of CJK characters (written without spaces) as one word per two characters. */
export function wordCount(text: string): number {
  let spaced = 1;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) spaced++;
  // Only text with long "words" can be CJK written without spaces.
  if (text.length < spaced * 8) return spaced;
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return Math.max(spaced, Math.ceil(cjk / 2));
}

// ---- list items ------------------------------------------------------------------------

const BULLET_ITEM = /^[•◦▪▫■□●○·∙‣⁃◆◇►▸*+-]\s+(\S.*)$/u;
const NUMBER_ITEM = /^(\d{1,3})[.)]\s+(\S.*)$/u;

/** "• item", "- item", "1. item": the item's text, and whether it is numbered. */
const LIST_START = /^[•◦▪▫■□●○·∙‣⁃◆◇►▸*+\-\d]/u;

export function listItem(text: string): { item: string; ordered: boolean } | null {
  if (!LIST_START.test(text)) return null;
  const b = text.match(BULLET_ITEM);
  if (b) return { item: b[1], ordered: false };
  const n = text.match(NUMBER_ITEM);
  return n ? { item: n[2], ordered: true } : null;
}

// ---- chrome ----------------------------------------------------------------------------

/** Whole lines that are page furniture on any news site. */
const CHROME_LINE = new RegExp(
  '^(?:' +
    [
      'skip to (?:main )?(?:content|navigation|search|footer)',
      '(?:toggle |main |site |mobile )?(?:navigation|menu)',
      'search(?: \\w+)?',
      'close(?: search| menu)?',
      'home(?: ?page)?',
      'back to (?:top|home)',
      'advertisement',
      'advertising',
      // The same furniture in a few other languages.
      'anzeige',
      'werbung',
      'publicit[ée]',
      'publicidad',
      'pubblicit[àa]',
      'reklama',
      'advertentie',
      'annonce',
      'kommentare?',
      'commentaires?',
      'comentarios?',
      'commenti',
      'teilen',
      'partager',
      'compartir',
      'condividi',
      'drucken',
      'imprimer',
      'mehr zum thema',
      'lesen sie auch',
      'lire aussi',
      'leia tamb[ée]m',
      'lee tambi[ée]n',
      'leggi anche',
      'ad',
      'ads',
      'sponsored(?: content)?',
      'supported by',
      'continue reading(?: the main story| below)?',
      '(?:story|article) continues below(?: advertisement)?',
      'scroll to continue(?: with content)?',
      'latest stories',
      'related stories',
      'recommended stories',
      'more stories',
      'show less',
      'show more',
      'read more',
      'load more',
      'subscribe(?: now| today)?',
      'sign (?:up|in)(?: (?:/|or) (?:sign )?(?:up|in))?',
      'log ?in',
      'log ?out',
      'register',
      'my account',
      'manage account',
      'settings',
      'share',
      'share this(?: article| story| post| page)?',
      'share (?:on|via|to) [\\w .+]{2,20}',
      'tweet',
      'email',
      'e-mail',
      'print',
      'save',
      'save (?:this )?(?:article|story)',
      'more',
      'copy link',
      'link copied',
      'comments?',
      'reply',
      'like',
      'follow(?: us)?',
      'facebook',
      'twitter',
      'linkedin',
      'reddit',
      'whatsapp',
      'pinterest',
      'instagram',
      'youtube',
      'flipboard',
      'listen(?: to this (?:article|story))?',
      'play(?: video)?',
      'photo',
      'image',
      'video',
      'loading',
      'privacy policy',
      'terms (?:of (?:use|service)|and conditions)',
      'cookie (?:policy|settings)',
      'contact(?: us)?',
      'about(?: us)?',
      'accept(?: all)?(?: cookies)?',
      'reject(?: all)?',
      'got it',
      'no thanks',
      'view (?:mobile|desktop) (?:version|site)',
      'jump to (?:navigation|content|search|main content)(?: jump to (?:navigation|content|search))?',
      '(?:view|see|show) all\\b.{0,40}',
      'follow',
      'unfollow',
      'next',
      'previous',
      'top',
    ].join('|') +
    ')[\\s.:!…»›>]*$',
  'i',
);

/** Patterns anywhere in a short line that mark it as chrome. */
const CHROME_PHRASE = [
  /\bwas this (?:e-?mail|newsletter) forwarded to you\b/i,
  /\b(?:we|this (?:site|website)) uses? cookies\b|\bcookies? (?:policy|settings|preferences)\b|\baccept (?:all )?cookies\b/i,
  /^sign up (?:for|to)\b/i,
  /^(?:subscribe|register) (?:to|for|now|today)\b/i,
  /^get (?:our|the) [\w ]{0,30}newsletter\b/i,
  /\bfree (?:articles?|stories) (?:left|remaining)\b|\byou have \d+ free\b|\balready (?:a subscriber|have an account)\b|\bunlimited (?:digital )?access\b/i,
  /\b(?:log ?in|sign in) (?:or|to) (?:create an account|register|subscribe|comment|join|continue)\b|\bcreate an account\b/i,
  /^\[?\s*(?:related|see also|also read|read also|read more|recommended|read next|more|watch|listen|more on this)\s*:/i,
  /^\d[\d.,]*[kKmM]? (?:comments?|shares?|views?|likes?|reads?|responses?|claps?|reactions?)$/i,
  /^(?:comments?|shares?|views?|likes?) ?\(?\d[\d.,]*[kKmM]?\)?$/i,
  /^share\s+\d[\d.,]*[kKmM]?$/i,
  /\b\d+ with \d+ posters participating\b/i,
  /^\d+ min(?:ute)?s? (?:read|listen)$/i,
  /^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*\/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?$/,
  /^\d(?:\.\d+)?x$/,
  /©|\ball rights reserved\b|^copyright\b/i,
  /^\(?(?:click|tap) (?:here|to)\b/i,
  /\bloading\s*(?:\.\.\.|…)$/i,
  /^up next\b/i,
  // Tracking pixels and embeds a page left as text (inside <noscript>).
  /^<(?:iframe|img|noscript)\b[^>]*\bsrc=["']?(?:https?:)?\/\//i,
  /(?:…|\.\.\.)\s*(?:read more|continue reading|more)(?:\s*(?:read more|»|›))*\s*$/i,
  /^(?:kommentare|commentaires|comentarios|commenti)\b.{0,30}$/i,
  /^[\w.-]+\.(?:jpe?g|png|gif|webp|svg|avif|mp4)$/i,
  /\bvideo will (?:play|begin|start) in\b/i,
  /^(?:filed (?:to|under)|posted in|tagged(?: with)?)\s*:/i,
  /[»›]$/,
];

/** The phrases as one pattern: one pass over the line instead of one per phrase. */
const CHROME_PHRASES = new RegExp(CHROME_PHRASE.map((re) => `(?:${re.source})`).join('|'), 'i');

/** w3m's rendering of forms and images: "[          ]", "[Submit]", "[13SUDAN-1-]". */
const BROWSER_RESIDUE = /^(?:\[[^\]]{0,40}\]\s*)+(?:\S{0,20})$|^\[[\s_]*\]|\[[\s_]{3,}\]|\s\*$|_{6,}/;

/** A link's text given two or three times over ("How to X How to X How to X"): image and
 * text links of a teaser, run together. */
function isRepeatedPhrase(text: string): boolean {
  if (text.length < 20) return false;
  for (const times of [2, 3]) {
    const size = (text.length - (times - 1)) / times;
    if (!Number.isInteger(size)) continue;
    const first = text.slice(0, size);
    if (first.trim().length > 0 && text === Array(times).fill(first).join(' ')) return true;
  }
  return false;
}

/** A line of menu entries: "Home | World | Business | Tech". */
function isMenuLine(text: string): boolean {
  const parts = text.split(/\s+[|•·/]\s+/);
  return parts.length >= 3 && parts.every((p) => wordCount(p) <= 3);
}

/** Words that every chrome phrase above holds one of: most lines are passed over on this alone. */
const CHROME_HINT =
  /forward|cookie|sign|subscri|regist|newsletter|free|access|log ?in|account|related|see also|read|recommend|more|watch|listen|\d|©|copyright|rights|click|tap|loading|up next|video|filed|posted|tagged|[»›]|komment|comment|src=|\.(?:jpe?g|png|gif|webp|svg|avif|mp4)$/i;

export function isChrome(text: string): boolean {
  if (text.length > SHORT) return false;
  if (!/[\p{L}\p{N}]/u.test(text)) return true;
  if (text.length <= 60 && text.split(' ', 9).length <= 8 && CHROME_LINE.test(text)) return true;
  if ((text.startsWith('[') || text.includes('[ ') || text.endsWith(' *') || text.includes('______')) && BROWSER_RESIDUE.test(text))
    return true;
  if (isRepeatedPhrase(text)) return true;
  if (/\s[|•·/]\s/.test(text) && isMenuLine(text)) return true;
  if (wordCount(text) > 40 || !CHROME_HINT.test(text)) return false;
  return CHROME_PHRASES.test(text);
}

/** Headings that end an article: what comes after them is another page's matter. */
const END_OF_ARTICLE = new RegExp(
  '^(?:' +
    [
      'related(?: (?:stories|articles|coverage|posts|content|links|reading|topics))?',
      'more (?:stories|from|on|in|like this|to read|news)\\b.{0,40}',
      'recommended(?: for you| reading| stories| articles)?',
      'read (?:more|next)(?: stories)?',
      '(?:most|the most) (?:read|viewed|popular|shared|emailed)(?: \\w+)?',
      'trending(?: now| stories)?',
      'popular(?: now| stories| posts)?',
      'latest(?: stories| news| articles| posts)?',
      '\\d+ comments?',
      'comments?(?: \\(\\d+\\))?',
      '(?:view|show|read|see|load|join|add) (?:all |the )?(?:\\d+ )?(?:comments?|responses?|replies)(?: \\(\\d+\\))?',
      '(?:other )?(?:people|readers) (?:are|also) (?:reading|read|viewing|liked)',
      '(?:what|who) (?:to read|to follow) next',
      'leave a (?:reply|comment)',
      'post a comment',
      'join the (?:conversation|discussion)',
      'you (?:may|might) also (?:like|be interested in)',
      'what to read next',
      'around the web',
      'sponsored stories',
      'from around the web',
      'about the author',
      'share this(?: article| story| post)?',
      'tags?',
      'topics?',
      'filed under',
      'newsletter signup',
      'more coverage',
      'see also',
      'further reading',
      'next story',
      'previous story',
      '← previous story next story →',
    ].join('|') +
    ')[\\s.:!…»›>]*$',
  'i',
);

export function endsArticle(text: string): boolean {
  return text.length <= 80 && END_OF_ARTICLE.test(text);
}

// ---- dates -----------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b`, 'i');
const ISO_DATE = /\b(\d{4})[-/](\d{2})[-/](\d{2})\b/;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** The first date written in the text, as YYYY-MM-DD, and where it stands. */
export function findDate(text: string): { date: string; index: number; length: number } | undefined {
  if (!/\d{4}/.test(text)) return undefined;
  const found: { date: string; index: number; length: number }[] = [];
  const mdy = text.match(MONTH_DAY_YEAR);
  if (mdy?.index !== undefined) {
    const d = isoDate(Number(mdy[3]), monthNumber(mdy[1]), Number(mdy[2]));
    if (d) found.push({ date: d, index: mdy.index, length: mdy[0].length });
  }
  const dmy = text.match(DAY_MONTH_YEAR);
  if (dmy?.index !== undefined) {
    const d = isoDate(Number(dmy[3]), monthNumber(dmy[2]), Number(dmy[1]));
    if (d) found.push({ date: d, index: dmy.index, length: dmy[0].length });
  }
  const iso = text.match(ISO_DATE);
  if (iso?.index !== undefined) {
    const d = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (d) found.push({ date: d, index: iso.index, length: iso[0].length });
  }
  return found.sort((a, b) => a.index - b.index)[0];
}

/** Words that may stand beside a date on a date line. */
const DATE_WORDS =
  /^(?:updated|published|posted|first|last|modified|edited|created|on|at|date|dated|the|and|by|am|pm|a\.m|p\.m|utc|gmt|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|ago|hours?|minutes?|mins?|read|time|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:am|pm)?|\d{1,2}(?:am|pm)|\d+)$/i;

/** "Updated: Mar 2, 2021", "Thu 3 Jan 2019 02.00 EST", "2023-03-14": a line that is a date. */
const DATE_LEAD = /^(?:published|updated|posted|last updated|first published|date)\b/i;

export function dateLine(text: string): string | undefined {
  if (text.length > 120) return undefined;
  const found = findDate(text);
  if (!found) return undefined;
  // "Published 21 November 2019 · Tagged with …": the date leads, whatever follows.
  if (DATE_LEAD.test(text) && found.index <= 25) return found.date;
  const rest = (text.slice(0, found.index) + ' ' + text.slice(found.index + found.length)).replace(/[|•·,:;()–—-]/g, ' ');
  const extra = wordsOf(rest).filter((w) => !DATE_WORDS.test(w));
  return extra.length <= 1 ? found.date : undefined;
}

// ---- bylines ---------------------------------------------------------------------------

const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.|de|van|von|der|den|da|di|du|la|le|del|della|dos|das|bin|al|el|ter|ten|st\.?)$/u;
const ROLE =
  /\b(?:editor|writer|reporter|correspondent|columnist|contributor|staff|author|producer|critic|journalist|photographer|fellow|analyst|chief|director|founder|ceo|host|intern|researcher|professor|desk|bureau|news|press)\b/i;

/** "Sophie Poole", "JEFFREY GETTLEMAN", "Mary-Jane O'Neil": two to five name words. */
export function isPersonName(text: string): boolean {
  if (text.length > 50) return false;
  const words = text.split(' ');
  if (words.length < 2 || words.length > 5) return false;
  if (!/^\p{Lu}/u.test(words[0]) || !/^\p{Lu}/u.test(words[words.length - 1])) return false;
  return words.every((w) => NAME_WORD.test(w));
}

/** "JEFFREY GETTLEMAN" → "Jeffrey Gettleman"; names in mixed case stay as written. */
function nameCase(name: string): string {
  if (/\p{Ll}/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, b: string, c: string) => b + c.toUpperCase());
}

/** The names in "A, B and C" (roles in brackets dropped), when every part is a name. */
function namesIn(list: string): string[] | undefined {
  const cleaned = list
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[,;.]$/, '');
  if (!cleaned) return undefined;
  const parts = cleaned.split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/i).filter(Boolean);
  if (parts.length === 0 || parts.length > 6) return undefined;
  const names = parts.map((p) => p.trim());
  return names.every(isPersonName) ? names.map(nameCase) : undefined;
}

const BY = /^(?:by|written by|words by|story by|text by|reporting by|von|por|par|di|door|av|af)\s*:?\s+(.+)$/i;
/** People named beside the author who are not the author. */
const NOT_AUTHOR =
  /^(?:reviewed|edited|fact[- ]checked|medically reviewed|photographs?|photos|illustrations?|produced|translated|additional reporting) by:?\s+(?=[A-Z\u00c0-\u024f])/i;
const WEEKDAY = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*$/i;
const WRITERS_PICTURE = /^writer['’]?s picture\s+(.+)$/i;

export interface Byline {
  names: string[];
  date?: string;
}

/** "By Sophie Poole", "By JEFFREY GETTLEMAN JAN. 13, 2017", "Writer's picture Jan Novak",
 * "Maya Lund | Staff Writer", "Dan Goodin - Apr 16, 2015 8:02 pm UTC". */
/** What every byline form starts with or holds. */
const BYLINE_HINT = /^(?:by|written|words|story|text|reporting|von|por|par|di|door|av|af|writer)\b|[|•·]|\s[–—-]\s|\d{4}/i;

export function byline(text: string): Byline | undefined {
  if (text.length > 160) return undefined;
  // Leading marks ("// By …"), @handles and a weekday before the date are no part of a name.
  if (!/^\p{L}/u.test(text)) text = text.replace(/^[^\p{L}]+/u, '');
  if (text.includes('@')) text = text.replace(/\s*\(?@\w{1,30}\)?/g, '');
  if (text.length <= 80 && NOT_AUTHOR.test(text) && /\p{Lu}/u.test(text.replace(NOT_AUTHOR, '')[0] ?? '')) return { names: [] };
  if (!BYLINE_HINT.test(text)) return undefined;
  const found = findDate(text);
  const date = found?.date;
  // The date and what follows it (times, "Updated …") leave the names.
  const beforeDate = found
    ? text
        .slice(0, found.index)
        .replace(/[\s|•·,–—-]+(?:updated|published|posted|on)?[\s:]*$/i, '')
        .replace(WEEKDAY, '')
        .replace(/[\s|•·,–—-]+$/, '')
        .trim()
    : text;
  const by = beforeDate.match(BY) ?? beforeDate.match(WRITERS_PICTURE);
  if (by) {
    const list = by[1].replace(/\s+(?:[|•·–—-]|for|at|in)\s+.*$/i, '');
    // "By NAME, Senior Staff Technologist, …": the name, without the role after it.
    const names = namesIn(list) ?? namesIn(list.split(',')[0]);
    return names ? { names, ...(date ? { date } : {}) } : undefined;
  }
  // "NAME | Role", "NAME - date": a name, a separator, then a role or the date.
  const sep = beforeDate.match(/^(.+?)\s*(?:[|•·]|\s[–—-])\s*(.*)$/);
  if (sep) {
    const names = namesIn(sep[1]);
    if (names && (date ? sep[2].length <= 40 : ROLE.test(sep[2]) && wordCount(sep[2]) <= 6)) return { names, ...(date ? { date } : {}) };
    return undefined;
  }
  if (found && found.index > 0) {
    const names = namesIn(beforeDate);
    if (names) return { names, date: found.date };
  }
  return undefined;
}

/** A line that is only a person's name (the byline of a header, next to a date). */
export function bareName(text: string): string | undefined {
  return isPersonName(text) ? nameCase(text) : undefined;
}
