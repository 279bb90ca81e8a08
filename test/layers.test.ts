// The layering rule, enforced: an import may only point down (or stay in its own folder).
// model at the bottom; text, search and ingest on it (pure, and blind to each other); then
// the store and the network; then the commands and the reader (blind to each other); then
// the command line on top.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

const LAYER: Record<string, number> = {
  model: 0,
  text: 1,
  search: 1,
  ingest: 1,
  archive: 2,
  net: 2,
  commands: 3,
  tui: 3,
  // cli.tsx, main.ts and help.ts, the files directly in src/.
  '(top)': 4,
};

/** Packages a pure layer may not load: the terminal UI and anything that does I/O. */
const IMPURE =
  /^(ink|react|react\/.*|undici|clipboardy|lowdb(\/.*)?|(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads))$/;
const PURE = new Set(['model', 'text', 'search', 'ingest']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [path] : [];
  });
}

function folderOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length === 1 ? '(top)' : parts[0]!;
}

function importsOf(file: string): string[] {
  return importsIn(readFileSync(file, 'utf8'));
}

function importsIn(text: string): string[] {
  return [...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (match) => (match[1] ?? match[2])!,
  );
}

/** The store's ways in for the commands and the reader: its interface, and reader state. */
const STORE_DOORS = new Set(['archive/index.ts', 'archive/user-state.ts'].map((p) => join(SRC, p)));
const DOOR_OF = (target: string) => target.replace(/\.js$/, '.ts').replace(/(\/archive)$/, '$1/index.ts');

/** What is wrong with one file's imports, by the rule above. */
function importProblems(file: string, specs: string[]): string[] {
  const from = folderOf(file);
  const name = relative(SRC, file);
  const doorOnly = from === 'commands' || from === 'tui';
  if (!(from in LAYER)) return [`${name}: src/${from} is in no layer (add it to LAYER in test/layers.test.ts)`];
  const found: string[] = [];
  for (const spec of specs) {
    if (spec.includes('node_modules')) found.push(`${name} imports a private path: ${spec}`);
    if (!spec.startsWith('.')) {
      if (PURE.has(from) && IMPURE.test(spec)) found.push(`${name}: src/${from} is pure but imports ${spec}`);
      continue;
    }
    const target = resolve(dirname(file), spec);
    if (!target.startsWith(SRC + sep)) {
      if (!target.endsWith(`${sep}package.json`)) found.push(`${name} imports outside src: ${spec}`);
      continue;
    }
    const to = folderOf(target);
    if (to !== from && (!(to in LAYER) || LAYER[to]! >= LAYER[from]!)) found.push(`${name} (src/${from}) imports up or across: ${spec}`);
    if (doorOnly && to === 'archive' && !STORE_DOORS.has(DOOR_OF(target)))
      found.push(`${name} reaches the store past its interface (src/archive/index.ts): ${spec}`);
  }
  return found;
}

describe('layers', () => {
  it('every import in src/ points down a layer or stays in its folder', () => {
    expect(sourceFiles(SRC).flatMap((file) => importProblems(file, importsOf(file)))).toEqual([]);
  });

  it('the rule sees an arrow that runs back up, across, or into node_modules', () => {
    const probe = (folder: string, spec: string) => importProblems(join(SRC, folder, 'probe.ts'), [spec]);
    expect(probe('model', '../archive/store.js')).toHaveLength(1);
    expect(probe('search', '../text/width.js')).toHaveLength(1);
    expect(probe('tui', '../commands/context.js')).toHaveLength(1);
    expect(probe('text', 'ink')).toHaveLength(1);
    expect(probe('search', 'node:fs')).toHaveLength(1);
    expect(probe('archive', '../../node_modules/x/index.js')).toHaveLength(2);
    expect(probe('vendored', './x.js')).toHaveLength(1);
    expect(probe('archive', '../model/schema.js')).toEqual([]);
    expect(probe('commands', '../search/engine.js')).toEqual([]);
    expect(probe('archive', 'node:fs')).toEqual([]);
    expect(probe('commands', '../archive/store.js')).toHaveLength(1);
    expect(probe('tui', '../archive/catalog-read.js')).toHaveLength(1);
    expect(probe('commands', '../archive/index.js')).toEqual([]);
    expect(probe('tui', '../archive/user-state.js')).toEqual([]);
  });

  it('finds static, re-exported and dynamic imports', () => {
    const file = join(SRC, 'commands', 'x.ts');
    const text =
      "import a from './a.js';\nexport { b } from '../search/b.js';\nconst c = await import('../tui/run.js');\nimport type { D } from 'd';\n";
    expect(importsIn(text)).toEqual(['./a.js', '../search/b.js', 'd', '../tui/run.js'].sort((x, y) => text.indexOf(x) - text.indexOf(y)));
    expect(importProblems(file, importsIn(text))).toHaveLength(1);
  });
});
