// Issue 5, cases 1–3: hostile text never reaches the terminal as control sequences.
// (1) OSC 52/0/2/8, CSI 21 t, ESC[2J, cursor moves, lone CR, U+009B, unterminated OSC;
// (2) bidi overrides and isolates; (3) --json escapes, --raw is the only way to get bytes.
// Two sources of hostile text: a page dump through the importer (nothing may be stored),
// and an archive written by hand (stored text full of sequences: display safety must hold).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { execa } from 'execa';
import stringWidth from 'string-width';
import { byline, cleanEnv, requireBuild } from '../../support/cli.js';
import { BIN, bodyFile, ROOT } from '../../support/paths.js';
import { cleanTemp, ESC, hasTmux, HOSTILE, PrivateTmux, runPty, scratch, TERMINAL_ACTIVE, writeArchive } from '../../support/hardening.js';
import { visible } from '../../../src/text/visible.js';
import { layoutArticle } from '../../../src/text/layout.js';
import type { Author } from '../../../src/model/schema.js';
import { Archive } from '../../../src/archive/store.js';
import { UserState } from '../../../src/archive/user-state.js';
import { App } from '../../../src/tui/app.js';
import { KEY, renderSized } from '../../support/ink.js';

const H = HOSTILE;
const ALL = Object.values(H).join(' ');

/** A page dump with every hostile sequence in a title, dek, credit, body, author name and bio. */
const FIXTURE = [
  `Hostile ${H.osc0}title ${H.bidi} here`,
  '',
  `A dek ${H.osc8} with ${H.c1csi} inside`,
  '',
  `Photo: Some ${H.csi21t}one`,
  '',
  `The body starts ${H.osc52} with a clipboard write, then ${H.clear} a clear, ${H.cursorTo} a move, ${H.cursorUp} up, a ${H.loneCR} and ${H.bidi}.`,
  '',
  `A second paragraph ${H.osc2} sets the title and ends unterminated ${H.unterminated}`,
  '',
  `Third: ${ALL} end of the third.`,
  '',
  'Keep Reading Show less',
  `Mal \u202eLory\u202c${H.csi21t}`,
  '',
  `Mal Lory (@mallory) writes ${H.osc52} about ${H.c1csi} terminals.`,
  '',
].join('\n');

/** What the payloads leave behind if a sequence is only partly removed. */
const RESIDUE = /PWNED|cm0gLXJm|dW50ZXJt|evil\.example|\]52;|\]0;|\]2;|\]8;|\[2J|\[21t|\[10;10H|\[3A|2J c1/;

// A hand-written archive whose stored text is full of sequences (the importer would never store these).
const EVIL_TITLE = `Clip${H.osc52}board ${H.osc0} title ${H.bidi} ${H.c1csi} ${H.loneCR} end`;
const EVIL_PARAS = [
  `Start ${H.osc52} then ${H.osc2} and ${H.osc8} and ${H.csi21t} and ${H.clear} and ${H.cursorTo} moved ${H.cursorUp} and ${H.loneCR} and ${H.c1csi} c1 and ${H.bidi} words.`,
  'filler words '.repeat(30).trim(),
  `Ends unterminated ${H.unterminated}`,
];
const EVIL_AUTHOR: Author = {
  id: 'mal',
  name: `Mal ${H.clear}\u202eory\u202c`,
  handle: '@mal',
  bio: `Bio ${H.osc52} and ${H.bidi}`,
  kind: 'person',
};

function handArchive(dir = scratch()): string {
  return writeArchive(
    dir,
    [
      {
        meta: { id: 'evil', title: EVIL_TITLE, dek: `Dek ${H.osc0} ${H.bidi}`, authors: ['mal'], credits: [`Photo: ${H.csi21t}`] },
        body: [
          { type: 'paragraph', text: EVIL_PARAS[0] },
          { type: 'heading', text: `Heading ${H.c1csi}31m ${H.bidi}` },
          { type: 'paragraph', text: EVIL_PARAS[1] },
          { type: 'quote', text: `Quote ${H.osc52}` },
          { type: 'figure', title: `Fig ${H.osc0}`, caption: `Cap ${H.bidi}`, credit: `Photo: ${H.clear}` },
          { type: 'paragraph', text: EVIL_PARAS[2] },
        ],
      },
      {
        meta: { id: 'plain', title: 'A plain second article', authors: ['mal'] },
        body: [{ type: 'paragraph', text: 'Nothing to see here.' }],
      },
    ],
    [EVIL_AUTHOR],
  );
}

/** Every string inside a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** Byte-level check of text output: valid UTF-8, and no byte or character a terminal acts on,
 * once byline's own SGR styling (when allowed) and the pty's CRLF are taken out. */
function checkTextBytes(bytes: Buffer, { sgr }: { sgr: boolean }): string {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  let rest = text.replace(/\r\n/g, '\n');
  if (sgr) rest = rest.replace(/\u001b\[(?:1|22|2|3|23|4|24|33|39)m/g, '');
  const bad = [...rest].map((ch, i) => [ch, i] as const).filter(([ch]) => ch !== '\t' && ch !== '\n' && TERMINAL_ACTIVE.test(ch));
  expect(
    bad.map(([ch, i]) => `U+${ch.codePointAt(0)!.toString(16)} at ${i}: ${JSON.stringify(rest.slice(Math.max(0, i - 20), i + 20))}`),
  ).toEqual([]);
  for (let i = 0; i < bytes.length; i++) {
    // Raw 8-bit C1 (0x80–0x9f) is only allowed as a UTF-8 continuation byte, never as a C2 xx pair.
    if (bytes[i] === 0xc2 && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9f) throw new Error(`UTF-8 encoded C1 at byte ${i}`);
  }
  return text;
}

beforeAll(() => requireBuild());
afterAll(() => cleanTemp());

describe('import: hostile sequences never enter the store (case 1, 2)', () => {
  let dir: string;
  beforeAll(async () => {
    const root = scratch();
    const dump = join(root, 'hostile.txt');
    writeFileSync(dump, FIXTURE);
    dir = join(root, 'archive');
    const r = await byline(['import', dump, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('the fixture really holds every sequence (guard against a weak fixture)', () => {
    for (const [name, seq] of Object.entries(H)) expect(FIXTURE, name).toContain(seq);
  });

  it('no stored string holds ESC, BEL, CR, C1 or a bidi control, nor what the sequences carried', () => {
    const files = ['index.json', ...readdirSync(join(dir, 'articles')).map((f) => join('articles', f))];
    expect(files.length).toBeGreaterThanOrEqual(2);
    const all: string[] = [];
    for (const f of files) {
      const raw = readFileSync(join(dir, f));
      expect(raw.includes(0x1b), f).toBe(false);
      expect(raw.includes(0x07), f).toBe(false);
      all.push(...strings(JSON.parse(raw.toString('utf8'))));
    }
    for (const s of all) {
      expect(s).not.toMatch(TERMINAL_ACTIVE);
      expect(s).not.toMatch(RESIDUE);
    }
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    // The text around the sequences survives: the article, its author and credit are there.
    expect(index.articles[0].title).toBe('Hostile title evil emb lro iso rli fsi here');
    expect(index.authors[0]).toMatchObject({ name: 'Mal Lory', handle: '@mallory' });
    expect(index.articles[0].credits).toEqual(['Photo: Some one']);
  });

  it('the CLI output of the imported archive is clean, byte by byte (pipes)', async () => {
    for (const args of [
      ['list'],
      ['read', 'hostile'],
      ['read', 'hostile', '-f', 'markdown'],
      ['search', 'clipboard'],
      ['authors'],
      ['author', 'mal'],
    ]) {
      const r = await execa(process.execPath, [BIN, ...args, '--archive', dir], {
        cwd: ROOT,
        env: cleanEnv(),
        extendEnv: false,
        encoding: 'buffer',
        reject: false,
      });
      expect(r.exitCode, args.join(' ')).toBe(0);
      expect((r.stdout as Uint8Array).includes(0x1b), args.join(' ')).toBe(false);
      checkTextBytes(Buffer.from(r.stdout as Uint8Array), { sgr: false });
    }
  });
});

describe('CLI output of stored hostile text (hand-written archive)', () => {
  let dir: string;
  beforeAll(() => {
    dir = handArchive();
  });
  const HUMAN: string[][] = [
    ['list'],
    ['read', 'evil'],
    ['read', 'evil', '--width', '30'],
    ['read', 'evil', '-f', 'markdown'],
    ['search', 'words'],
    ['search', 'filler'],
    ['authors'],
    ['author', 'mal'],
  ];

  it('piped: no ESC at all, no C1, bidi, BEL or CR — every byte checked', { timeout: 60_000 }, async () => {
    for (const args of HUMAN) {
      const r = await execa(process.execPath, [BIN, ...args, '--archive', dir], {
        cwd: ROOT,
        env: cleanEnv(),
        extendEnv: false,
        encoding: 'buffer',
        reject: false,
      });
      expect(r.exitCode, `${args.join(' ')}: ${Buffer.from(r.stderr as Uint8Array).toString()}`).toBe(0);
      const bytes = Buffer.from(r.stdout as Uint8Array);
      expect(bytes.includes(0x1b), args.join(' ')).toBe(false);
      checkTextBytes(bytes, { sgr: false });
    }
  });

  it('piped: the sequences are shown as visible symbols instead', async () => {
    const r = await byline(['read', 'evil', '--archive', dir]);
    expect(r.stdout).toContain('Clip␛]52;c;cm0gLXJmIH4vKg==␇board ␛]0;PWNED-TITLE-0␇ title <U+202E>evil<U+202C>');
    expect(r.stdout).toContain('<U+009B>2J');
    expect(r.stdout).toContain('over␍write');
    expect(r.stdout).toContain('␛[2J and ␛[10;10H moved ␛[3A');
    expect(r.stdout).toContain('Ends unterminated ␛]52;c;dW50ZXJtaW5hdGVk');
    expect(r.stdout).toContain('<U+2066>iso<U+2069>');
    const list = await byline(['list', '--archive', dir]);
    // Tab-separated columns stay four columns: nothing in the text adds or eats a tab.
    for (const line of list.stdout.trimEnd().split('\n')) expect(line.split('\t')).toHaveLength(4);
  });

  it('in a terminal: only byline’s own SGR styling, every other byte display-safe; lines fit the width', { timeout: 60_000 }, async () => {
    for (const args of HUMAN) {
      const run = runPty([...args, '--archive', dir], { cols: 70, rows: 40 });
      const { exitCode } = await run.exited;
      expect(exitCode, args.join(' ')).toBe(0);
      const text = checkTextBytes(Buffer.from(run.output(), 'utf8'), { sgr: true });
      if (!args.includes('markdown')) expect(text, args.join(' ')).toMatch(/\u001b\[\d+m/); // colour really was on
      if (args[0] === 'read' && args[2] !== '-f') {
        for (const line of text.replace(/\u001b\[\d+m/g, '').split(/\r?\n/)) expect(stringWidth(line), line).toBeLessThanOrEqual(70);
      }
    }
  });

  it('--json escapes C1 and bidi (and ESC), and parses back to exactly the stored text', { timeout: 60_000 }, async () => {
    for (const args of [
      ['list', '--json'],
      ['read', 'evil', '--json'],
      ['read', 'evil', '-f', 'json'],
      ['search', 'words', '--json'],
      ['authors', '--json'],
      ['author', 'mal', '--json'],
      ['export'],
    ]) {
      const r = await execa(process.execPath, [BIN, ...args, '--archive', dir], {
        cwd: ROOT,
        env: cleanEnv(),
        extendEnv: false,
        encoding: 'buffer',
        reject: false,
      });
      expect(r.exitCode, args.join(' ')).toBe(0);
      const bytes = Buffer.from(r.stdout as Uint8Array);
      expect(bytes.includes(0x1b), args.join(' ')).toBe(false);
      const text = checkTextBytes(bytes, { sgr: false });
      expect(text, args.join(' ')).toMatch(/\\u001b/);
      expect(() => JSON.parse(text)).not.toThrow();
    }
    const read = JSON.parse((await byline(['read', 'evil', '--json', '--archive', dir])).stdout);
    expect(read.title).toBe(EVIL_TITLE);
    expect(read.body[0].text).toBe(EVIL_PARAS[0]);
    expect(read.authors[0].name).toBe(EVIL_AUTHOR.name);
    expect(read.authors[0].bio).toBe(EVIL_AUTHOR.bio);
  });

  it('--raw prints the bytes as stored, and is the only way to get them', async () => {
    const raw = await byline(['read', 'evil', '--raw', '--archive', dir]);
    expect(raw.exitCode).toBe(0);
    for (const s of [EVIL_TITLE, ...EVIL_PARAS]) expect(raw.stdout).toContain(s);
    const md = await byline(['read', 'evil', '--raw', '-f', 'markdown', '--archive', dir]);
    expect(md.stdout).toContain(`# ${EVIL_TITLE}`);
    expect(md.stdout).toContain(EVIL_PARAS[0]);
    const plain = await byline(['read', 'evil', '--archive', dir]);
    expect(plain.stdout).not.toContain(H.osc52);
    expect(plain.stdout).toContain(visible(EVIL_PARAS[0]));
  });
});

describe('the reader shows stored hostile text as symbols (real terminal)', () => {
  let session: PrivateTmux | undefined;
  afterEach(() => {
    session?.kill();
    session = undefined;
  });

  /** Bytes a terminal would act on, if any reached it from the article. */
  const FORBIDDEN: [string, string][] = [
    ['OSC (52, 0, 2, 8)', `${ESC}]`],
    ['8-bit OSC', '\u009d'],
    ['8-bit CSI', '\u009b'],
    ['BEL', '\u0007'],
    ['CSI 21 t', `${ESC}[21t`],
    ['clear screen', `${ESC}[2J`],
    ['cursor position', `${ESC}[10;10H`],
    ['cursor up 3', `${ESC}[3A`],
    ['RLO', '\u202e'],
    ['LRE', '\u202a'],
    ['LRI', '\u2066'],
    ['PDI', '\u2069'],
  ];

  it.skipIf(!hasTmux)(
    'list, article and author screens: visible symbols, intact rows and status bar, nothing emitted',
    { timeout: 60_000 },
    async () => {
      const dir = handArchive();
      const rawFile = join(scratch(), 'pane.raw');
      writeFileSync(rawFile, '');
      const cols = 90;
      const rows = 24;
      // The pause lets pipe-pane attach before byline draws its first byte.
      session = new PrivateTmux(
        `sleep 0.5; node ${BIN} --archive ${dir}`,
        cols,
        rows,
        { BYLINE_STATE: join(scratch(), 'state.json') },
        rawFile,
      );
      const titleBefore = session.paneTitle();

      const list = (await session.waitFor((s) => s.includes('1/2 · 2 unread'), 'the list')).split('\n');
      expect(list[0]).toMatch(/^byline · .* — 2 articles/);
      expect(list[1]).toMatch(/^› ● {3}Clip␛\]52;c;cm0gLXJmIH4vKg==␇board /);
      expect(list[2]).toMatch(/^ {2}● {3}A plain second article +Mal ␛\[2J<U\+202E>ory/);
      // Status bar on its own row, one row above the bottom, whole.
      expect(list[rows - 2]).toMatch(/^1\/2 · 2 unread · \? help +1–2 of 2$/);
      for (const line of list) expect(stringWidth(line)).toBeLessThanOrEqual(cols);

      session.keys('Enter');
      const article = (await session.waitFor((s) => /page 1\/\d+/.test(s), 'the article')).split('\n');
      // The screen shows exactly the laid-out lines (display-safe): nothing overwritten or shifted.
      const textWidth = Math.min(cols - 4, 80);
      const expected = layoutArticle(
        {
          ...JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).articles[0],
          body: JSON.parse(readFileSync(bodyFile(dir, 'evil'), 'utf8')).body,
        },
        [EVIL_AUTHOR],
        textWidth,
      ).slice(0, rows - 2);
      expect(article.slice(0, expected.length).map((l) => l.trim())).toEqual(expected.map((l) => l.text.trim()));
      const shown = article.join('\n');
      expect(shown).toContain('␛]52;c;cm0gLXJmIH4vKg==␇');
      expect(shown).toContain('␛]2;PWNED-TITLE-2␛\\');
      expect(shown).toContain('<U+202E>evil<U+202C>');
      expect(shown).toContain('<U+009B>2J');
      expect(shown).toContain('␍');
      expect(article[rows - 2]).toMatch(/^Clip␛\]52;.* page 1\/\d+ · \d+%$/);
      for (const line of article) expect(stringWidth(line)).toBeLessThanOrEqual(cols);

      session.keys('G');
      const last = await session.waitFor((s) => /page (\d+)\/\1 · 100%/.test(s), 'the last page');
      expect(last).toContain('Ends unterminated ␛]52;c;dW50ZXJtaW5hdGVk');

      session.keys('a');
      const author = await session.waitFor((s) => s.includes('Articles in the archive'), 'the author screen');
      expect(author).toContain('Mal ␛[2J<U+202E>ory<U+202C>');
      expect(author).toContain('Bio ␛]52;c;cm0gLXJmIH4vKg==␇');

      session.keys('Escape');
      await session.waitFor((s) => /page \d+\/\d+/.test(s), 'back at the article');
      session.keys('Escape');
      await session.waitFor((s) => s.includes('1/2 · 1 unread'), 'back at the list');
      session.keys('q');
      await session.waitFor((s) => s.includes('EXIT=0'), 'the exit');

      // The terminal itself saw nothing: no clipboard buffer, no title change …
      expect(session.buffers()).toBe('');
      expect(session.paneTitle()).toBe(titleBefore);
      expect(session.paneTitle()).not.toMatch(/PWNED/);
      // … and no forbidden byte sequence in what byline wrote.
      const raw = readFileSync(rawFile, 'utf8');
      expect(raw).toContain('\u001b[?1049h'); // the capture saw byline from its first frame
      expect(raw).toContain('␛]52;c;');
      for (const [name, seq] of FORBIDDEN) expect(raw.includes(seq), name).toBe(false);
    },
  );

  it('in a pseudo-terminal: the raw bytes of every frame carry no sequence from the article', { timeout: 60_000 }, async () => {
    const dir = handArchive();
    const run = runPty(['--archive', dir], { cols: 60, rows: 16, env: { BYLINE_STATE: join(scratch(), 'state.json') } });
    await run.waitFor('1/2 · 2 unread', 'the list');
    run.term.write('\r');
    await run.waitFor(/page 1\/\d+/, 'the article');
    for (let i = 0; i < 6; i++) {
      run.term.write(' ');
      await new Promise((r) => setTimeout(r, 60));
    }
    run.term.write('/');
    run.term.write('words');
    run.term.write('\r');
    await run.waitFor(/match 1\/\d+/, 'a find match');
    run.term.write('q');
    await run.waitFor(() => run.frame().some((l) => l.includes('unread')), 'the list again');
    run.term.write('q');
    expect((await run.exited).exitCode).toBe(0);
    const raw = run.output();
    expect(raw).toContain('␛]52;c;');
    for (const [name, seq] of FORBIDDEN) expect(raw.includes(seq), name).toBe(false);
    // Every escape byline wrote is one of the few it uses itself: SGR, erase/cursor-up for
    // redraws, synchronized output, alternate screen and cursor visibility.
    const escapes = raw.match(/\u001b(?:\[[0-?]*[ -/]*[@-~]|[^[])/g) ?? [];
    const own = /^\u001b\[(?:\d+(?:;\d+)*m|2K|1A|G|H|\?2026[hl]|\?25[hl]|\?1049[hl])$/;
    expect([...new Set(escapes.filter((e) => !own.test(e)))]).toEqual([]);
  });
});

// ------------------------------------------------------------------ line feeds in one-line fields
// Issue "Nothing lost, ever", case 10: a line feed inside a title, a name, a dek or a URL (an
// archive written by hand) made `list` print fake rows and split the reader's status bar. In
// every one-line field it is shown as ␊, like the other controls; paragraphs keep theirs.

const LF_TITLE = 'First half\nSecond half of the title';
const LF_AUTHOR: Author = { id: 'ann', name: 'Ann\nOther', handle: '@ann\nfake', bio: 'A bio.\nSecond line of the bio.', kind: 'person' };
const LF_URL = 'https://example.com/a\nfake row';

function lfArchive(): string {
  return writeArchive(
    scratch(),
    [
      {
        meta: { id: 'lf', title: LF_TITLE, dek: 'Dek line\nnext line', authors: ['ann'], url: LF_URL },
        body: [{ type: 'paragraph', text: 'Body words here.\nA second line in the paragraph.' }],
      },
      {
        meta: { id: 'plain', title: 'A plain second article', authors: ['ann'] },
        body: [{ type: 'paragraph', text: 'Nothing to see here.' }],
      },
    ],
    [LF_AUTHOR],
  );
}

describe('line feeds in titles, names, deks and URLs (hand-written archive)', () => {
  let dir: string;
  beforeAll(() => {
    dir = lfArchive();
  });

  it('piped: `list`, `search`, `authors` print one line per row, the line feed as ␊', async () => {
    const list = await byline(['list', '--archive', dir]);
    expect(list.exitCode).toBe(0);
    const rows = list.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0].split('\t')).toEqual(['lf', 'First half␊Second half of the title', 'Ann␊Other', 'full']);
    const search = await byline(['search', 'half', '--archive', dir]);
    expect(search.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(search.stdout).toContain('First half␊Second half of the title\tAnn␊Other\t');
    const authors = await byline(['authors', '--archive', dir]);
    expect(authors.stdout.trimEnd().split('\n')).toEqual(['ann\tAnn␊Other\t@ann␊fake\tperson\t2 articles']);
  });

  it('in a terminal: `list` and `author` keep one line per row', async () => {
    for (const [args, count] of [
      [['list'], 2],
      [['author', 'ann'], 8],
    ] as const) {
      const run = runPty([...args, '--archive', dir, '--no-color'], { cols: 80, rows: 20 });
      expect((await run.exited).exitCode).toBe(0);
      const out = run.output().replace(/\r\n/g, '\n').trimEnd().split('\n');
      expect(out, out.join('\n')).toHaveLength(count);
      expect(out.join('\n')).toContain('First half␊Second half');
    }
  });

  it('`read`: title, dek and byline are one line each; the paragraph keeps its line feed', async () => {
    const read = await byline(['read', 'lf', '--archive', dir]);
    expect(read.stdout.split('\n').slice(0, 4)).toEqual([
      'First half␊Second half of the title',
      'Dek line␊next line',
      '',
      'By Ann␊Other (@ann␊fake)',
    ]);
    expect(read.stdout).toContain('Body words here.\nA second line in the paragraph.');
    const md = await byline(['read', 'lf', '-f', 'markdown', '--archive', dir]);
    expect(md.stdout.split('\n')[0]).toBe('# First half␊Second half of the title');
    // --raw is still the bytes as stored.
    expect((await byline(['read', 'lf', '--raw', '--archive', dir])).stdout.split('\n')[0]).toBe('First half');
  });

  let session: PrivateTmux | undefined;
  afterEach(() => {
    session?.kill();
    session = undefined;
  });

  it.skipIf(!hasTmux)(
    'the reader in tmux: list rows and status bars stay whole, on the list, the article and the author screens',
    { timeout: 60_000 },
    async () => {
      const [cols, rows] = [80, 16];
      session = new PrivateTmux(`node ${BIN} --archive ${dir}`, cols, rows, { BYLINE_STATE: join(scratch(), 'state.json') });
      const unwrapped = () => {
        // A row that wrapped shows as two rows, and as one when tmux joins wrapped rows (-J).
        const joined = session!.tmux('capture-pane', '-p', '-J', '-t', session!.name).split('\n');
        expect(joined.map((l) => l.trimEnd())).toEqual(session!.screen().split('\n'));
      };
      const list = (await session.waitFor((s) => s.includes('1/2 · 2 unread'), 'the list')).split('\n');
      expect(list[1]).toMatch(/^› ● {3}First half␊Second half of the title +Ann␊Other/);
      expect(list[2]).toMatch(/^ {2}● {3}A plain second article +Ann␊Other/);
      expect(list[rows - 2]).toMatch(/^1\/2 · 2 unread · \? help +1–2 of 2$/);
      unwrapped();

      session.keys('Enter');
      const article = (await session.waitFor((s) => /page 1\/1/.test(s), 'the article')).split('\n');
      expect(article[0].trim()).toBe('First half␊Second half of the title');
      expect(article[1].trim()).toBe('Dek line␊next line');
      expect(article[rows - 2]).toMatch(/^First half␊Second half of the title +page 1\/1 · 100%$/);
      unwrapped();

      session.keys('a');
      const author = (await session.waitFor((s) => s.includes('Articles in the archive'), 'the author screen')).split('\n');
      expect(author[0]).toBe('Ann␊Other');
      expect(author[1]).toBe('@ann␊fake · person');
      expect(author.some((l) => /^› [ ●] {3}First half␊Second half/.test(l))).toBe(true);
      unwrapped();
      session.keys('q');
    },
  );
});

describe('a line feed in an article URL, shown when it is opened (o)', () => {
  it('the status bar stays one row, the URL in it with ␊', async () => {
    const archive = await Archive.open(lfArchive());
    const userState = await UserState.load(join(scratch(), 'state.json'));
    const [cols, rows] = [90, 12];
    const app = createElement(App, {
      archive,
      userState,
      engine: null,
      onQuit: () => {},
      services: { openUrl: (url: string) => `Opening ${url}` },
    });
    const screen = await renderSized(app, cols, rows);
    try {
      await screen.waitFor((f) => f.includes('1/2 · 2 unread'), 'the list');
      await screen.press(KEY.enter);
      await screen.waitFor((f) => /page 1\/1/.test(f), 'the article');
      await screen.press('o');
      const frame = (await screen.waitFor((f) => f.includes('Opening'), 'the message')).split('\n');
      expect(frame).toHaveLength(rows - 1);
      // The address as the browser gets it: the URL parser drops the line feed; never a second row.
      expect(frame.at(-1)).toMatch(/^Opening https:\/\/example\.com\/a(␊)?fake(%20| )row +page 1\/1 · 100%$/);
    } finally {
      screen.unmount();
    }
  });
});
