// What `byline read ID` and `byline list | head` load, as a real process of the built bundle
// loads it (dynamic imports included): start-up time is mostly the code loaded, so neither
// may load the flag parser's packages, the reader, string-width for plain text, the search
// engine or the importers. A loader hook records every file the process loads; the bundle's
// `// path` comments say which sources each chunk holds.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigArchive } from '../support/big-archive.js';
import { cleanEnv, requireBuild } from '../support/cli.js';
import { cleanTemp, scratch } from '../support/hardening.js';
import { BIN } from '../support/paths.js';

const HOOK = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.LOADED_LOG, url + '\\n');
  return next(url, context);
}
`;

let dir: string;
let work: string;

/** The sources (as esbuild names them in the bundle) a run of `byline ARGS` loads. */
function sourcesLoaded(args: string[]): Set<string> {
  const log = join(work, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(join(work, 'hook.mjs')).href)})`;
  execFileSync(process.execPath, ['--import', register, BIN, ...args], {
    env: cleanEnv({ LOADED_LOG: log, XDG_DATA_HOME: work, XDG_STATE_HOME: work }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sources = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const file = new URL(url).pathname;
    if (!file.includes('/dist/')) continue;
    // A dependency resolved through a link is named by its path from the bundle: cut to node_modules/.
    for (const m of readFileSync(file, 'utf8').matchAll(/^\/\/ (?:\S*\/)?((?:src|node_modules)\/\S+)$/gm)) sources.add(m[1]);
  }
  return sources;
}

/** Never on the start path of read and list. */
const NEVER = [
  /^node_modules\/(meow|ink|react|react-reconciler|fuse\.js|string-width|linkedom|@mozilla|undici|iconv-lite|chardet|clipboardy)\//,
  /^src\/(tui|ingest|net)\//,
  /^src\/help\.ts$/,
  /^src\/commands\/(search|import|add|export|reindex|authors)\.ts$/,
];

const offending = (sources: Set<string>, patterns: RegExp[]) => [...sources].filter((s) => patterns.some((p) => p.test(s)));

beforeAll(async () => {
  requireBuild();
  work = scratch('byline-start-modules-');
  writeFileSync(join(work, 'hook.mjs'), HOOK);
  dir = await bigArchive(join(work, 'archive'));
});
afterAll(cleanTemp);

describe('what a command loads at start', () => {
  it('read ID: no flag parser, reader, string-width (for plain text), search engine or importer', () => {
    const id = execFileSync(process.execPath, [BIN, 'list', '--archive', dir], { encoding: 'utf8' }).split('\t')[0];
    const sources = sourcesLoaded(['read', id, '--archive', dir]);
    expect(sources).toContain('src/commands/read.ts');
    // Nor the merge (and node:crypto with it): a read finds lines, it never matches articles.
    expect(offending(sources, [...NEVER, /^src\/search\/(engine|query|searchable)/, /^src\/archive\/(merge|slug)\.ts$/])).toEqual([]);
  });

  it('list | head: and not the store either (it streams index.json)', () => {
    const sources = sourcesLoaded(['list', '--archive', dir]);
    expect(sources).toContain('src/commands/list.ts');
    expect(offending(sources, [...NEVER, /^src\/search\//, /^src\/archive\/store\.ts$/])).toEqual([]);
  });

  it('search "two words" --json: no flag parser, reader, string-width or importer', () => {
    const sources = sourcesLoaded(['search', 'story harbour', '--json', '--archive', dir]);
    expect(sources).toContain('src/commands/search.ts');
    const forbidden = [
      /^node_modules\/(meow|ink|react|string-width|linkedom|@mozilla|undici|clipboardy)\//,
      /^src\/(tui|ingest|net)\//,
      /^src\/help\.ts$/,
    ];
    expect(offending(sources, forbidden)).toEqual([]);
  });

  it('a short flag goes to meow, and the hook sees it loaded', () => {
    const sources = sourcesLoaded(['list', '-n', '1', '--archive', dir]);
    expect(offending(sources, [/^node_modules\/meow\//])).not.toEqual([]);
  });
});
