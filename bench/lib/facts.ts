// What the bench needs to know about an archive, learnt through the CLI before anything is
// timed: its ids and titles in archive order (`byline list`), a titles file for fzf, and a
// markdown export with bodies for rg (`byline export`), both cached beside the archive.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFolder } from './corpus.js';
import { BIN, log, userEnv } from './env.js';

export interface ArchiveFacts {
  size: number;
  dir: string;
  ids: string[];
  titles: string[];
  /** One title a line, as fzf reads it. */
  titlesFile: string;
  /** A markdown export with bodies (one file an article), for rg; undefined when it could not be made. */
  exportDir?: string;
}

export function archiveFacts(size: number, dir: string, withExport: boolean): ArchiveFacts {
  const r = spawnSync(process.execPath, [BIN, 'list', '--archive', dir], { env: userEnv(), maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`byline list failed on ${dir}: ${r.stderr.trim()}`);
  const rows = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const titlesFile = `${dir}.titles.txt`;
  const titles = rows.map((row) => row[1]);
  writeFileSync(titlesFile, titles.join('\n') + '\n');
  let exportDir: string | undefined = `${dir}.export`;
  if (withExport && !existsSync(join(exportDir, '.complete'))) {
    log(`exporting the ${size}-article archive as markdown for the rg baseline…`);
    const partial = `${exportDir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    const e = spawnSync(process.execPath, [BIN, 'export', '--format', 'markdown', '--out', partial, '--archive', dir], {
      env: userEnv(),
      stdio: 'ignore',
    });
    if (e.status === 0) {
      writeFileSync(join(partial, '.complete'), '');
      rmSync(exportDir, { recursive: true, force: true });
      renameSync(partial, exportDir);
    } else {
      log(`byline export failed (exit ${e.status}): no rg baseline`);
      exportDir = undefined;
    }
  }
  return { size, dir, ids: rows.map((row) => row[0]), titles, titlesFile, exportDir: withExport ? exportDir : undefined };
}

/** Body queries, drawn from the imported files themselves: one or two longer words of a
 * paragraph of an article's body, every third misspelt (a letter swapped). */
export function bodyQueries(size: number, count: number): string[] {
  const out: string[] = [];
  const folders = Math.ceil(size / 1000);
  for (let i = 0; out.length < count; i++) {
    const folder = corpusFolder((i * 7) % folders);
    const files = readdirSync(folder).filter((f) => f.endsWith('.txt'));
    const text = readFileSync(join(folder, files[(i * 131) % files.length]), 'utf8');
    const paragraphs = text.split('\n\n').filter((p) => p.length > 200);
    const words = [...new Set((paragraphs[Math.floor(paragraphs.length / 2)] ?? '').toLowerCase().match(/[a-z]{7,}/g) ?? [])];
    if (words.length < 2) continue;
    let q = words[(i * 3) % words.length];
    if (out.length % 3 === 2) q = q.slice(0, 2) + q[3] + q[2] + q.slice(4);
    if (out.length % 2 === 1) q += ` ${words[(i * 5 + 1) % words.length]}`;
    out.push(q);
  }
  return out;
}
