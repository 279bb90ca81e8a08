// What the bench reports: figures (each the summary of repeated samples), the targets of
// issue 12 checked against them, and the files written (bench/results/latest.md and .json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { percentile, round } from './stats.js';

export interface Figure {
  /** Stable key, e.g. "read" or "reader.key"; with the size it names one figure across runs. */
  key: string;
  name: string;
  size: number;
  unit: string;
  n: number;
  median: number | null;
  p25: number | null;
  p75: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  note?: string;
}

export interface Target {
  what: string;
  size: number;
  /** The figure compared: its key and which statistic. */
  key: string;
  stat: 'median' | 'p95';
  value: number | null;
  limit: number | null;
  unit: string;
  /** How the limit was made, e.g. "1.5 × node -e 0 (150 ms)". */
  rule: string;
  met: boolean;
}

export interface Results {
  machine: ReturnType<typeof machine>;
  node: string;
  date: string;
  command: string;
  sizes: number[];
  rounds: number;
  durationSeconds: number;
  figures: Figure[];
  targets: Target[];
  changes: string[];
  notes: string[];
}

export function summarise(key: string, name: string, size: number, unit: string, samples: readonly number[], note?: string): Figure {
  const s = samples.filter((x) => Number.isFinite(x));
  const stat = (p: number) => (s.length ? round(percentile(s, p)) : null);
  return {
    key,
    name,
    size,
    unit,
    n: s.length,
    median: stat(50),
    p25: stat(25),
    p75: stat(75),
    p95: stat(95),
    min: stat(0),
    max: stat(100),
    ...(note ? { note } : {}),
  };
}

export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
  };
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(r: Results): string {
  const m = r.machine;
  const met = r.targets.filter((t) => t.met).length;
  const lines = [
    '# byline benchmark results',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM (${m.os}) · Node ${r.node} · ${r.date} · \`${r.command}\` · sizes ${r.sizes.join(', ')} · ${r.rounds} rounds · ${Math.round(r.durationSeconds)} s`,
    '',
    'Measured as a user meets byline: whole `byline` processes for commands; the built reader in a pseudo-terminal, its output read by a terminal emulator, from spawn to what is on screen; a fresh process each time (nothing warmed up inside it, no forced GC, no pauses; the page cache is as a user who used the machine a moment ago has it); baselines in the same rounds, cases interleaved round-robin. Medians, with p25–p75 and min–max of the repeated runs.',
    '',
    `## Targets (issue 12): ${met} of ${r.targets.length} met`,
    '',
    '| target | size | value | limit | rule | met |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...r.targets.map(
      (t) =>
        `| ${cell(t.what)} (${t.stat}) | ${t.size} | ${fmt(t.value)} ${t.unit} | ${fmt(t.limit)} ${t.unit} | ${cell(t.rule)} | ${t.met ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Figures',
    '',
    '| what | size | median | p25–p75 | min–max | p95 | n | unit |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...r.figures.map(
      (f) =>
        `| ${cell(f.name)} | ${f.size} | ${fmt(f.median)} | ${fmt(f.p25)}–${fmt(f.p75)} | ${fmt(f.min)}–${fmt(f.max)} | ${fmt(f.p95)} | ${f.n} | ${f.unit} |`,
    ),
    '',
  ];
  const noted = r.figures.filter((f) => f.note);
  if (noted.length) {
    lines.push('### How each figure is measured', '');
    const seen = new Set<string>();
    for (const f of noted) {
      const line = `- **${cell(f.name)}**: ${f.note}`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
    lines.push('');
  }
  if (r.changes.length) lines.push('## What changed versus the previous bench, and by how much', '', ...r.changes, '');
  if (r.notes.length) lines.push('## Run notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

export function writeResults(dir: string, r: Results): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(r, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.md'), toMarkdown(r));
}
