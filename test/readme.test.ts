// The README's key table is generated from the keymap: `npm run docs` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyTableMarkdown } from '../src/tui/keymap-doc.js';
import { COMMAND_HELP, HELP } from '../src/help.js';

const START = '<!-- keys:start -->';
const END = '<!-- keys:end -->';

describe('README', () => {
  it('has the key table the keymap makes', () => {
    const readme = readFileSync('README.md', 'utf8');
    const generated = `${START}\n${keyTableMarkdown()}\n${END}`;
    const current = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    if (process.env.UPDATE_README) writeFileSync('README.md', readme.replace(current, generated));
    else expect(current).toBe(generated);
  });

  it('names every command and option that --help names', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const command of ['list', 'search', 'read', 'authors', 'author', 'import', 'add', 'export', 'reindex', 'rm', 'tag'])
      expect(readme).toContain(`byline ${command}`);
    for (const command of HELP.match(/^ {4}\$ byline ([a-z]+)/gm) ?? []) expect(readme).toContain(command.replace(/^ {4}\$ /, ''));
    for (const flag of HELP.match(/--[a-z-]+/g) ?? []) expect(readme).toContain(flag);
    // And every option of every command's own help, with its short form.
    for (const help of [HELP, ...Object.values(COMMAND_HELP)]) {
      for (const flag of help.match(/--[a-z-]+/g) ?? []) expect(readme).toContain(flag);
      for (const short of help.match(/--[a-z-]+, -[a-zA-Z]\b/g) ?? []) expect(readme).toContain(short);
    }
    expect(readme).toContain('tag:NAME');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
