// Import as a user meets it: whole `byline import` processes, wall time and peak resident
// memory (/usr/bin/time). (1) N page-dump files into an empty archive. (2) One new article
// into a copy of the N-article archive, repeated; an import that merged word-index segments
// (fewer segment files after it than before plus one) is reported apart, never averaged in.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFolders, freshArticleFiles } from '../lib/corpus.js';
import { tempDir } from '../lib/archives.js';
import { BIN, userEnv } from '../lib/env.js';
import { timed } from '../lib/proc.js';
import { summarise, type Figure } from '../lib/report.js';

const segments = (dir: string) =>
  existsSync(join(dir, 'search')) ? readdirSync(join(dir, 'search')).filter((f) => f.endsWith('.seg')).length : undefined;

export async function importAllSuite(size: number, rounds: number, progress: (line: string) => void): Promise<Figure[]> {
  const wall: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  const folders = corpusFolders(size);
  for (let round = 0; round < rounds; round++) {
    const tmp = tempDir('import-all');
    try {
      const t = await timed(process.execPath, [BIN, 'import', ...folders, '--archive', join(tmp, 'archive')], {
        env: userEnv(),
        timeoutMs: 3_600_000,
      });
      if (t.code !== 0) throw new Error(`byline import of ${size} files exited with ${t.code}`);
      wall.push(t.ms / 1000);
      if (t.peakMB !== undefined) rss.push(t.peakMB);
      if (t.cpuMs !== undefined) cpu.push(t.cpuMs / 1000);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    progress(`import of ${size} files: round ${round + 1}/${rounds}, ${wall.at(-1)!.toFixed(0)} s`);
  }
  const note = `\`byline import\` of ${folders.length} folders of page dumps (${size} files, one article each) into an empty archive, one process`;
  return [
    summarise('import.all', `import ${size} files into an empty archive, wall`, size, 's', wall, note),
    summarise(
      'import.all.rss',
      `import ${size} files into an empty archive, peak RSS`,
      size,
      'MB',
      rss,
      'maximum resident set of the import process, from /usr/bin/time',
    ),
    summarise(
      'import.all.cpu',
      `import ${size} files into an empty archive, CPU`,
      size,
      's',
      cpu,
      'user + system time of the import process',
    ),
  ];
}

export async function importOneSuite(size: number, archive: string, rounds: number, progress: (line: string) => void): Promise<Figure[]> {
  const tmp = tempDir('import-one');
  const copy = join(tmp, 'archive');
  const wall: number[] = [];
  const rss: number[] = [];
  const mergeWall: number[] = [];
  const mergeRss: number[] = [];
  const files = freshArticleFiles(rounds + 12);
  try {
    const cp = spawnSync('cp', ['-a', '--reflink=auto', archive, copy]);
    if (cp.status !== 0) throw new Error(`could not copy ${archive}: ${cp.stderr.toString().trim()}`);
    // Until `rounds` imports without a merge are timed and one merge has been seen (with 8
    // segments at most, one comes within 9 imports), or the fresh files run out.
    for (let i = 0; i < files.length && (wall.length < rounds || (mergeWall.length === 0 && segments(copy) !== undefined)); i++) {
      const before = segments(copy);
      const t = await timed(process.execPath, [BIN, 'import', files[i], '--archive', copy], { env: userEnv(), timeoutMs: 3_600_000 });
      if (t.code !== 0) throw new Error(`byline import of one article exited with ${t.code}`);
      const after = segments(copy);
      const merged = before !== undefined && after !== undefined && after < before + 1;
      (merged ? mergeWall : wall).push(t.ms);
      if (t.peakMB !== undefined) (merged ? mergeRss : rss).push(t.peakMB);
      progress(`import 1 article into ${size}: ${(t.ms / 1000).toFixed(1)} s${merged ? ' (segment merge)' : ''}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const note = `\`byline import\` of one new article (one page-dump file) into a copy of the ${size}-article archive; each import a whole process, one after the other`;
  const mergeNote = 'the imports that merged the small word-index segments (the segment count fell), reported apart';
  return [
    summarise('import.one', `import 1 article into ${size}, wall`, size, 'ms', wall, note),
    summarise('import.one.rss', `import 1 article into ${size}, peak RSS`, size, 'MB', rss, note),
    summarise('import.merge', `import 1 article into ${size} that merges segments, wall`, size, 'ms', mergeWall, mergeNote),
    summarise('import.merge.rss', `import 1 article into ${size} that merges segments, peak RSS`, size, 'MB', mergeRss, mergeNote),
  ];
}
