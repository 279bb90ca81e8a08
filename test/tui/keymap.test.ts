import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandFor, helpSections, KEYMAP, keyLabel, keyName } from '../../src/tui/keymap.js';

describe('keymap', () => {
  it('turns Ink key events into key names', () => {
    expect(keyName('', { downArrow: true })).toBe('down');
    expect(keyName('d', { ctrl: true })).toBe('ctrl+d');
    expect(keyName(' ', {})).toBe('space');
    expect(keyName('G', { shift: true })).toBe('G');
    expect(keyName('', { pageDown: true })).toBe('pagedown');
  });
  it('matches per screen: q quits the list, goes back from an article, types in search', () => {
    expect(commandFor('list', 'q', {})).toBe('quit');
    expect(commandFor('article', 'q', {})).toBe('back');
    expect(commandFor('search', 'q', {})).toBeUndefined();
    expect(commandFor('search', 'j', {})).toBeUndefined();
    expect(commandFor('search', 'n', { ctrl: true })).toBe('down');
    expect(commandFor('article', ' ', {})).toBe('pageDown');
    expect(commandFor('list', 'd', { ctrl: true })).toBe('pageDown');
  });
  it('has no key bound twice on one screen', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP)
      for (const screen of b.screens)
        for (const key of b.keys) {
          const slot = `${screen}:${key}`;
          if (seen.has(slot)) expect(seen.get(slot)).toBe(b.command);
          seen.set(slot, b.command);
        }
  });
  it('help shows every binding, and the README key table lists every key', () => {
    const rows = helpSections().flatMap((s) => s.rows.map((r) => r.help));
    for (const b of KEYMAP) expect(rows).toContain(b.help);
    const readme = readFileSync('README.md', 'utf8');
    for (const b of KEYMAP) for (const k of b.keys) expect(readme).toContain(`\`${keyLabel(k).replace(/\|/g, '\\|')}\``);
  });
});
