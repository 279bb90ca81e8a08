// A page dump as logical lines: blank-line gaps counted, and the lines a text-mode browser
// wrapped (w3m, lynx, a browser's "save as text" at 72 columns) joined back into one.
// Without this a paragraph would be several blocks, and a list item broken in two.

export interface Line {
  /** Whitespace folded, trimmed. */
  text: string;
  /** Blank lines before this line (0: it touches the line above). */
  gap: number;
  /** Leading spaces in the dump: text-mode browsers indent lists and quotations. */
  indent: number;
  /** Where it starts in the dump (1-based), for messages. */
  number: number;
}

export interface DumpLines {
  lines: Line[];
  /** The column the dump was wrapped at, when it was wrapped at all. */
  wrapWidth?: number;
}

/** Text browsers wrap at 72–250 columns; a dump with longer lines was not wrapped. */
const MAX_WRAP = 250;
const MIN_WRAP = 40;

/** The wrap column: the longest breakable line (a few longer ones aside: preformatted text is
 * not wrapped), when enough lines come close to it and go on in the line below, as the lines of
 * a wrapped paragraph do. */
function wrapWidth(lengths: number[], breakable: boolean[]): number | undefined {
  const sorted: number[] = [];
  for (let i = 0; i < lengths.length; i++) if (breakable[i]) sorted.push(lengths[i]);
  sorted.sort((a, b) => b - a);
  const width = sorted[Math.floor(sorted.length * 0.005)];
  if (width === undefined || width > MAX_WRAP || width < MIN_WRAP) return undefined;
  let near = 0;
  for (let i = 0; i + 1 < lengths.length; i++)
    if (breakable[i] && lengths[i] <= width && lengths[i] >= width - 12 && lengths[i + 1] > 0) near++;
  return near >= 3 ? width : undefined;
}

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

/** Terminal columns: CJK and full-width characters take two, as a text browser lays them out. */
function columns(text: string): number {
  if (!/[^\u0000-\u10ff]/.test(text)) return text.length;
  return text.length + (text.match(WIDE)?.length ?? 0);
}

const BULLET = /^(?:[•◦▪▫■□●○·∙‣⁃◆◇►▸*+-]|\d{1,3}[.)])\s/u;
const CJK_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** How far a continuation of this line is indented: under the text of a list item, else as the line. */
function continuationIndent(raw: string, indent: number): number {
  const m = raw.slice(indent).match(/^(?:[•◦▪▫■□●○·∙‣⁃◆◇►▸*+-]|\d{1,3}[.)])\s+/u);
  return m ? indent + m[0].length : indent;
}

export function readLines(text: string): DumpLines {
  const raws = text.split('\n');
  const lengths: number[] = [];
  const breakable: boolean[] = [];
  for (const raw of raws) {
    const end = raw.trimEnd();
    lengths.push(columns(end));
    // CJK text wraps between any two characters, spaced text between words.
    breakable.push(end.length > MIN_WRAP && /\S\s+\S|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(end));
  }
  const width = wrapWidth(lengths, breakable);

  const lines: Line[] = [];
  let gap = 0;
  /** The line being built, its raw length so far, and where its continuation lines start. */
  let open: { line: Line; lastLength: number; nextIndent: number } | null = null;
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const trimmed = raw.trim();
    // Folding white space is the costly step; most lines need none.
    const text = /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
    if (!text) {
      gap++;
      open = null;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    if (open && width !== undefined && gap === 0 && indent === open.nextIndent && !BULLET.test(text)) {
      // Wrapped: the first word of this line would not have fitted on the line above.
      const firstWord = text.split(' ', 1)[0];
      if (open.lastLength + 1 + columns(firstWord) > width - 1) {
        const glue = CJK_END.test(open.line.text) && CJK_START.test(text) ? '' : ' ';
        open.line.text += glue + text;
        open.lastLength = lengths[i];
        continue;
      }
    }
    const line: Line = { text, gap, indent, number: i + 1 };
    lines.push(line);
    open = { line, lastLength: lengths[i], nextIndent: continuationIndent(raw, indent) };
    gap = 0;
  }
  return { lines, wrapWidth: width };
}
