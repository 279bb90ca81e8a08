// Shared paths and helpers for the test suite.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED = join(ROOT, 'data', 'sources', 'protocol-page.txt');
export const DEFAULT_ARCHIVE = join(ROOT, 'data', 'protocol');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const BIN = join(ROOT, 'bin', 'byline.js');

export const seedText = (): string => readFileSync(SEED, 'utf8');
export const fixture = (name: string): string => join(FIXTURES, name);
export const fixtureText = (name: string): string => readFileSync(fixture(name), 'utf8');

/** A fresh empty folder under the OS temp dir. */
export const tempDir = (prefix = 'byline-test-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Every file under a folder, relative path → bytes (for "untouched" checks). */
export function snapshotDir(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string, rel: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      const r = rel ? `${rel}/${name}` : name;
      try {
        if (statSync(full).isDirectory()) walk(full, r);
        else out.set(r, readFileSync(full));
      } catch (error) {
        // A file another process removed between listing and reading (a lock attempt) was never there.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };
  walk(dir, '');
  return out;
}

/** C0 (except newline), DEL, C1, and bidi controls. */
export const CONTROL_OR_BIDI = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The file of an article's current body, as the archive's index.json names it. */
export function bodyFile(archiveDir: string, id: string): string {
  const index = JSON.parse(readFileSync(join(archiveDir, 'index.json'), 'utf8')) as { articles: { id: string; bodyFile: string }[] };
  const meta = index.articles.find((a) => a.id === id);
  if (!meta) throw new Error(`no article ${id} in ${archiveDir}`);
  return join(archiveDir, 'articles', meta.bodyFile);
}
