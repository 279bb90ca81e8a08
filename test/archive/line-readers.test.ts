// Big index files are read a megabyte at a time; a line, and a character in it, may cross the
// boundary between two reads.
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawArticleLines } from '../../src/archive/index-lines.js';
import { tempDir } from '../support/paths.js';

describe('reading article lines a chunk at a time', () => {
  it('a character that straddles two reads arrives whole, wherever the boundary falls', () => {
    const CHUNK = 1 << 20;
    for (const shift of [0, 1, 2, 3]) {
      // "é" (2 bytes) and "東" (3 bytes) placed so the chunk boundary cuts one of them.
      const head = '{"id":"a","text":"';
      const pad = 'x'.repeat(CHUNK - Buffer.byteLength(head) - 1 - shift);
      const line = `${head}${pad}é東 and more"}`;
      const file = join(tempDir('byline-lines-'), 'index.json');
      writeFileSync(file, `${line},\n{"id":"b"}\n]}\n`);
      const fd = openSync(file, 'r');
      try {
        const lines = [...rawArticleLines(fd, 0)];
        expect(lines).toHaveLength(2);
        expect((JSON.parse(lines[0]!) as { text: string }).text.endsWith('xé東 and more'), `shift ${shift}`).toBe(true);
      } finally {
        closeSync(fd);
      }
    }
  });
});
