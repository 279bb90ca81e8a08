// Reading an import source: only UTF-8 text gets through, with a reason for everything else.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDump, readDump } from '../../src/archive/import-source.js';
import { BylineError } from '../../src/model/errors.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { SEED, seedText, tempDir } from '../support/paths.js';

describe('decodeDump', () => {
  it('decodes UTF-8, with or without a BOM (the importer then drops the BOM)', () => {
    expect(decodeDump(Buffer.from('Title\n\nBody.'))).toBe('Title\n\nBody.');
    const withBom = decodeDump(Buffer.from('\ufeffTitle\n\nBody.'));
    expect(parsePageDump(withBom)[0].title).toBe('Title');
  });

  it.each([
    ['empty', Buffer.alloc(0), /empty/],
    ['UTF-16 LE', Buffer.from([0xff, 0xfe, 0x41, 0x00]), /UTF-16/],
    ['UTF-16 BE', Buffer.from([0xfe, 0xff, 0x00, 0x41]), /UTF-16/],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ['Latin-1', Buffer.from('caf\xe9', 'latin1'), /UTF-8/],
    ['truncated UTF-8', Buffer.from([0x41, 0xe2, 0x80]), /UTF-8/],
  ])('refuses %s', (_label, bytes, reason) => {
    expect(() => decodeDump(bytes)).toThrow(reason);
  });
});

describe('readDump', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('byline-source-');
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'empty.txt'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the seed', async () => {
    expect(await readDump(SEED)).toBe(seedText());
  });

  it.each([
    ['missing.txt', /no such file/],
    ['folder', /directory/],
    ['empty.txt', /empty/],
  ])('%s → BylineError exit 1 naming the file', async (name, reason) => {
    const path = join(dir, name);
    const error = await readDump(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BylineError);
    expect((error as BylineError).exitCode).toBe(1);
    expect((error as BylineError).message).toMatch(new RegExp(`^cannot import ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect((error as BylineError).message).toMatch(reason);
  });
});
