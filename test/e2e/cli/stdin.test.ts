// Standard input is the process's own: `import -` reads a dump from it.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byline, requireBuild } from '../../support/cli.js';
import { SEED, tempDir } from '../../support/paths.js';

let root: string;
beforeAll(() => {
  requireBuild();
  root = tempDir('byline-e2e-stdin-');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('byline import -', () => {
  it('reads standard input', async () => {
    const dir = join(root, 'archive');
    const r = await byline(['import', '-', '--archive', dir], { inputFile: SEED });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^imported 6 articles \(6 new/);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.articles[0].source.file).toBe('stdin');
  });
});
