// A real terminal emulator in the test process: xterm.js headless, with its two width tables
// (Unicode 6, xterm.js's default, and Unicode 11, as VS Code's terminal uses). It answers
// "how many columns does this terminal draw?" the way the terminal itself does, not the way
// string-width guesses.
import xterm from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';

export type UnicodeVersion = '6' | '11';
export const UNICODE_VERSIONS: UnicodeVersion[] = ['6', '11'];

type Terminal = InstanceType<typeof xterm.Terminal>;

export function terminal(cols: number, rows: number, version: UnicodeVersion, scrollback = 0): Terminal {
  const term = new xterm.Terminal({ cols, rows, scrollback, allowProposedApi: true });
  term.loadAddon(new unicode11.Unicode11Addon());
  term.unicode.activeVersion = version;
  return term;
}

export const write = (term: Terminal, data: string | Uint8Array) => new Promise<void>((resolve) => term.write(data, resolve));

/** The lines of `lines` that the terminal had to wrap at `cols` columns (a line that fills the
 * row exactly does not wrap). Each line is written on a row of its own, as UTF-8 bytes, the way
 * stdout sends it (a lone surrogate becomes U+FFFD). */
export async function wrappedLines(lines: readonly string[], cols: number, version: UnicodeVersion): Promise<string[]> {
  const rows = lines.reduce((n, l) => n + l.length + 1, 1);
  const term = terminal(cols, 2, version, rows);
  try {
    await write(term, Buffer.from(lines.join('\r\n'), 'utf8'));
    const buffer = term.buffer.active;
    const wrapped = new Set<number>();
    for (let y = 0, line = -1; y < buffer.length; y++) {
      if (buffer.getLine(y)?.isWrapped) wrapped.add(line);
      else line++;
    }
    return [...wrapped].map((i) => lines[i]);
  } finally {
    term.dispose();
  }
}

/** Columns the terminal moves the cursor by for `text` written at the start of a row. */
export async function drawnWidth(text: string, version: UnicodeVersion): Promise<number> {
  const term = terminal(1000, 2, version);
  try {
    await write(term, text);
    return term.buffer.active.cursorX;
  } finally {
    term.dispose();
  }
}

export interface Replayed {
  /** The screen as the terminal shows it, one string per row, right-trimmed. */
  rows: string[];
  /** Rows the terminal reached by wrapping a line that was too wide. */
  wrapped: number[];
}

/** Feeds a program's raw output (everything written to its pty) to a terminal of that size, up
 * to the end of the last frame Ink finished (a synchronized update, ESC[?2026h … ESC[?2026l):
 * the next one may have begun, with the old frame erased and the new one not yet written. */
export async function replay(output: string, cols: number, rows: number, version: UnicodeVersion): Promise<Replayed> {
  const term = terminal(cols, rows, version);
  const end = output.lastIndexOf('\u001b[?2026l');
  try {
    await write(term, end === -1 ? output : output.slice(0, end + '\u001b[?2026l'.length));
    const buffer = term.buffer.active;
    const shown: string[] = [];
    const wrapped: number[] = [];
    for (let y = 0; y < rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      shown.push(line?.translateToString(true) ?? '');
      if (line?.isWrapped) wrapped.push(y);
    }
    return { rows: shown, wrapped };
  } finally {
    term.dispose();
  }
}

/** Skipped by cellWidths: surrogates (never written alone) and C0/C1 controls (made visible). */
export const isMeasured = (cp: number) => cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0) && !(cp >= 0xd800 && cp <= 0xdfff);

/** The cells the terminal gives every code point, written after an "x" (so a zero-width one
 * joins the x's cell, or is dropped): widths[cp] is 0, 1 or 2; 255 where not measured. Public API only:
 * each cell's characters and width. */
export async function cellWidths(version: UnicodeVersion): Promise<Uint8Array> {
  const widths = new Uint8Array(0x110000).fill(255);
  const PER_ROW = 4000;
  const term = terminal(PER_ROW * 3 + 4, 2, version);
  try {
    for (let start = 0; start < 0x110000; start += PER_ROW) {
      const cps: number[] = [];
      for (let cp = start; cp < Math.min(start + PER_ROW, 0x110000); cp++) if (isMeasured(cp)) cps.push(cp);
      await write(term, `\u001b[H\u001b[2J${cps.map((cp) => 'x' + String.fromCodePoint(cp)).join('')}`);
      const line = term.buffer.active.getLine(0)!;
      let x = 0;
      for (const cp of cps) {
        const chars = line.getCell(x)?.getChars();
        if (chars === 'x' + String.fromCodePoint(cp)) {
          widths[cp] = 0;
          x += 1;
        } else if (chars === 'x' && line.getCell(x + 1)?.getChars() === String.fromCodePoint(cp)) {
          widths[cp] = line.getCell(x + 1)!.getWidth();
          x += 1 + widths[cp];
        } else if (chars === 'x') {
          widths[cp] = 0; // dropped (U+FEFF)
          x += 1;
        } else {
          throw new Error(`U+${cp.toString(16)}: unexpected cell ${JSON.stringify(chars)} at ${x}`);
        }
      }
    }
  } finally {
    term.dispose();
  }
  return widths;
}
