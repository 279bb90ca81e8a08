// What a measurement reports, how a child task hands it to the runner, and the files written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { round } from './stats.js';

export type Better = 'lower' | 'higher';

/** One target of the issue at one archive size. */
export interface TargetEntry {
  name: string;
  size: number;
  value: number | null;
  target: number | null;
  unit: string;
  met: boolean;
  note?: string;
}

/** A baseline or supporting figure: no target of its own. */
export interface DetailEntry {
  name: string;
  size: number;
  value: number | null;
  unit: string;
  note?: string;
}

export type Message = ({ type: 'target' } & TargetEntry) | ({ type: 'detail' } & DetailEntry) | { type: 'error'; message: string };

const PREFIX = '@@bench ';

function send(message: Message): void {
  process.stdout.write(PREFIX + JSON.stringify(message) + '\n');
}

/** Reports a target; `met` is computed here so every task decides it the same way. */
export function target(name: string, size: number, value: number | null, targetValue: number | null, unit: string, better: Better = 'lower', note?: string): void {
  const ok = value !== null && targetValue !== null && Number.isFinite(value) && Number.isFinite(targetValue) && (better === 'lower' ? value <= targetValue : value >= targetValue);
  const v = value === null || !Number.isFinite(value) ? null : round(value);
  const t = targetValue === null || !Number.isFinite(targetValue) ? null : round(targetValue);
  send({ type: 'target', name, size, value: v, target: t, unit, met: ok, ...(note ? { note } : {}) });
}

export function detail(name: string, size: number, value: number | null, unit: string, note?: string): void {
  const v = value === null || !Number.isFinite(value) ? null : round(value);
  send({ type: 'detail', name, size, value: v, unit, ...(note ? { note } : {}) });
}

/** A task that stopped: the runner marks its unreported targets with this reason. */
export function failure(message: string): void {
  send({ type: 'error', message });
}

/** Splits a child's stdout into report messages and ordinary output. */
export function parseLine(line: string): Message | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  try {
    return JSON.parse(line.slice(PREFIX.length)) as Message;
  } catch {
    return undefined;
  }
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

export interface Results {
  machine: ReturnType<typeof machine>;
  node: string;
  date: string;
  command: string;
  sizes: number[];
  durationSeconds: number;
  targets: TargetEntry[];
  details: DetailEntry[];
  notes: string[];
}

const fmt = (v: number | null) => (v === null ? '—' : String(v));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(r: Results): string {
  const m = r.machine;
  const met = r.targets.filter((t) => t.met).length;
  const lines = [
    '# byline benchmark results',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM (${m.os}) · Node ${r.node} · ${r.date} · \`${r.command}\` · sizes ${r.sizes.join(', ')} · ${Math.round(r.durationSeconds)} s`,
    '',
    `${met} of ${r.targets.length} targets met. Each value is the median of several runs; p95 values are the median of each run's p95. A blank value means the measurement did not run (see its note).`,
    '',
    '| name | size | value | target | unit | met |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...r.targets.map((t) => `| ${cell(t.name)} | ${t.size} | ${fmt(t.value)} | ${fmt(t.target)} | ${t.unit} | ${t.met ? 'yes' : '**no**'} |`),
    '',
  ];
  const noted = r.targets.filter((t) => t.note);
  if (noted.length) {
    lines.push('## Notes on targets', '');
    for (const t of noted) lines.push(`- **${cell(t.name)}** (${t.size}): ${t.note}`);
    lines.push('');
  }
  if (r.details.length) {
    lines.push('## Baselines and supporting figures', '', '| name | size | value | unit | note |', '| --- | ---: | ---: | --- | --- |');
    for (const d of r.details) lines.push(`| ${cell(d.name)} | ${d.size} | ${fmt(d.value)} | ${d.unit} | ${cell(d.note ?? '')} |`);
    lines.push('');
  }
  if (r.notes.length) {
    lines.push('## Run notes', '');
    for (const n of r.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function writeResults(dir: string, r: Results): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(r, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.md'), toMarkdown(r));
}
