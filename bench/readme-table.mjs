// npm run bench:readme [-- FILE…]: prints the README's performance table (markdown, to stdout) from
// bench/results/latest.json (or the FILEs, whose sizes are put side by side) — what a user meets, beside node -e 0, fzf and rg measured in the
// same rounds. Paste it between the README's bench markers.
import { readFileSync } from 'node:fs';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['bench/results/latest.json'];
const runs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
if (runs.some((r) => !Array.isArray(r.figures))) {
  process.stderr.write('bench:readme: these results are from the old bench; run npm run bench first\n');
  process.exit(1);
}
const sizes = [...new Set(runs.flatMap((r) => r.sizes))].sort((a, b) => a - b);
// A size measured by several runs is taken from the last file given.
const get = (key, size) =>
  [...runs]
    .reverse()
    .find((r) => r.sizes.includes(size))
    ?.figures.find((f) => f.key === key && f.size === size);
const n = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US').replace(/,/g, ' ') : String(Math.round(v * 10) / 10));
const median =
  (key, { unit = 'ms', of } = {}) =>
  (size) => {
    const f = get(key, size);
    if (!f || f.median === null) return '–';
    const base = of && get(of, size);
    return `${n(f.median)} ${unit}${base?.median ? ` (${(f.median / base.median).toFixed(1)}×)` : ''}`;
  };
const p50p95 = (key) => (size) => {
  const f = get(key, size);
  return f && f.median !== null ? `${n(f.median)} / ${n(f.p95)} ms` : '–';
};
const rows = [
  ['`node -e 0` (floor of any Node program)', median('cmd.node')],
  ['`byline read ID`', median('cmd.read', { of: 'cmd.node' })],
  ['`byline list | head -1`, first line', median('cmd.list-head', { of: 'cmd.node' })],
  ['`byline search Q --json` (top 20)', median('cmd.search', { of: 'cmd.node' })],
  ['`fzf --filter Q` over a titles file', median('cmd.fzf-filter', { of: 'cmd.node' })],
  ['`rg -il Q` over a markdown export with bodies', median('cmd.rg', { of: 'cmd.node' })],
  ['reader: start → first frame', median('reader.first-frame', { of: 'reader.node' })],
  ['interactive fzf: start → all titles listed', median('reader.fzf-first-frame', { of: 'reader.node' })],
  ["reader: start → first key's results on screen", median('reader.usable', { of: 'reader.node' })],
  ['reader: key → results on screen, p50 / p95', p50p95('reader.key')],
  ['interactive fzf: key → results on screen, p50 / p95', p50p95('reader.fzf-key')],
  ['reader: j → frame, p50 / p95', p50p95('reader.j')],
  ['reader: Enter → article on screen', median('reader.open')],
  ['reader: peak memory', median('reader.rss', { unit: 'MB' })],
  [
    '`byline import` of 20 000 files: time / peak memory',
    (size) => {
      const w = get('import.all', size);
      const m = get('import.all.rss', size);
      return w?.median != null ? `${n(w.median)} s / ${m?.median != null ? n(m.median) : '–'} MB` : '–';
    },
  ],
  [
    '`byline import` of 1 article: time / peak memory',
    (size) => {
      const w = get('import.one', size);
      const m = get('import.one.rss', size);
      return w?.median != null ? `${n(w.median)} ms / ${m?.median != null ? n(m.median) : '–'} MB` : '–';
    },
  ],
  [
    '… the one that merges word-index segments',
    (size) => {
      const w = get('import.merge', size);
      const m = get('import.merge.rss', size);
      return w?.median != null ? `${n(w.median)} ms / ${m?.median != null ? n(m.median) : '–'} MB` : '–';
    },
  ],
  ['search quality: intended article in the top 3', median('quality.top3', { unit: '%' })],
];
const r = runs[0];
const how = runs.map((x) => `${x.sizes.join(', ')} articles: ${x.rounds} rounds, \`${x.command}\`, ${x.date.slice(0, 10)}`).join('; ');
const out = [
  `Medians of interleaved rounds (${how}; ${r.machine.cores} × ${r.machine.cpu}, Node ${r.node}, a shared machine); (×) is the multiple of \`node -e 0\` in the same rounds (for the reader and interactive fzf, of node started in the same pseudo-terminal). Every figure is a whole, fresh process; the reader's are in a 100×30 pseudo-terminal, until the text is on the emulated screen.`,
  '',
  `| what a user does | ${sizes.map((s) => `${s.toLocaleString('en-US').replace(/,/g, ' ')} articles`).join(' | ')} |`,
  `| --- | ${sizes.map(() => '---:').join(' | ')} |`,
  ...rows
    .filter(([, cell]) => sizes.some((s) => cell(s) !== '–'))
    .map(([what, cell]) => `| ${what.replace(/\|/g, '\\|')} | ${sizes.map((s) => cell(s)).join(' | ')} |`),
];
process.stdout.write(out.join('\n') + '\n');
