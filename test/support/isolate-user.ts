// No test touches the user's own things. Without --archive, byline reads and writes the
// user's library under XDG_DATA_HOME: every test file gets its own empty data folder. And `o`
// in the reader starts a browser: BYLINE_OPEN is `true` (the command that does nothing), so
// random keys over an archive with addresses open nothing. Child processes (execa, node-pty)
// inherit these; tmux sessions get them passed on (see tmux.ts). A test may set its own.
import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tempDir } from './paths.js';

const dataHome = tempDir('byline-data-home-');
process.env.XDG_DATA_HOME = dataHome;
process.env.BYLINE_OPEN = 'true';
afterAll(() => rmSync(dataHome, { recursive: true, force: true }));
