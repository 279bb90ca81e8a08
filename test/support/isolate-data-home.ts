// Every test file gets its own empty data folder: without --archive, byline reads and writes
// the user's library under XDG_DATA_HOME, and no test may touch the real one. Child processes
// (execa, node-pty, tmux) inherit it from process.env; a test that needs another passes its own.
import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tempDir } from './paths.js';

const dataHome = tempDir('byline-data-home-');
process.env.XDG_DATA_HOME = dataHome;
afterAll(() => rmSync(dataHome, { recursive: true, force: true }));
