// The HTML extractor and its DOM are loaded only by an HTML import: the built bundle keeps
// them out of the start path (cli.js and every chunk it, the reader or `list` load).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../support/cli.js';
import { ROOT } from '../support/paths.js';

const DIST = join(ROOT, 'dist');
const MARKERS = ['Readability', 'linkedom', 'htmlparser2', 'iconv-lite', 'undici'];

/** A file and every chunk it imports statically, transitively. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g)) visit(join(file, '..', m[1]));
  };
  visit(entry);
  return seen;
}

/** The chunk a dynamic import("./chunks/NAME-HASH.js") in cli.js points to. */
function dynamicChunk(name: string): string {
  const m = readFileSync(join(DIST, 'cli.js'), 'utf8').match(new RegExp(`import\\("\\./(chunks/${name}-[A-Z0-9]+\\.js)"\\)`));
  if (!m) throw new Error(`no lazy chunk for ${name}`);
  return join(DIST, m[1]);
}

beforeAll(() => requireBuild());

describe('the bundle loads the extractor only for an HTML import', () => {
  it.each([
    ['start (cli.js)', () => join(DIST, 'cli.js')],
    ['the reader', () => dynamicChunk('run')],
    ['list', () => dynamicChunk('list')],
    ['read', () => dynamicChunk('read')],
    ['import (before it knows the input is HTML)', () => dynamicChunk('import')],
  ])('%s: no extractor, DOM, legacy decoder or HTTP client in its static closure', (_label, entry) => {
    const files = [...staticClosure(entry())];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      for (const marker of MARKERS) expect(code.includes(marker), `${marker} in ${file}`).toBe(false);
    }
  });

  it('the extractor is in a chunk of its own, which the import front door loads on demand', () => {
    const front = readFileSync(
      join(
        DIST,
        'chunks',
        readdirSync(join(DIST, 'chunks')).find((f) => f.startsWith('front-door-'))!,
      ),
      'utf8',
    );
    const extract = front.match(/import\("\.\/(extract-[A-Z0-9]+\.js)"\)/);
    expect(extract).not.toBeNull();
    expect(readFileSync(join(DIST, 'chunks', extract![1]), 'utf8')).toContain('Readability');
  });
});
