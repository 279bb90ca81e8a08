// The help screen's lines: one column of "keys  what they do" per section, for the screen
// help was opened from (and keys that work everywhere), or every screen's with `a`.
import { helpSections, SCREEN_TITLES, type ScreenName } from '../keymap.js';

export interface HelpLine {
  keys: string;
  text: string;
  heading: boolean;
}

/** The sections that belong to each screen: typing modes go with the screen they type on. */
const SECTIONS_FOR: Partial<Record<ScreenName, ScreenName[]>> = {
  list: ['list', 'confirm', 'tags'],
  article: ['article', 'find', 'prompt', 'confirm', 'tags'],
  authors: ['authors'],
  author: ['author'],
};

export function helpLines(context: ScreenName, all: boolean): HelpLine[] {
  const wanted = new Set<string>(all ? [] : [...(SECTIONS_FOR[context] ?? [context]), 'help', 'everywhere']);
  const lines: HelpLine[] = [];
  for (const section of helpSections()) {
    if (!all && !wanted.has(section.screen)) continue;
    if (section.rows.length === 0) continue;
    if (lines.length) lines.push({ keys: '', text: '', heading: false });
    lines.push({ keys: '', text: section.screen === 'help' ? 'In this help' : SCREEN_TITLES[section.screen], heading: true });
    for (const row of section.rows) lines.push({ keys: row.keys, text: row.help, heading: false });
  }
  return lines;
}

/** The keys column is as wide as its widest entry, so descriptions get the rest of the row. */
export const keysWidth = (lines: HelpLine[]) => lines.reduce((w, l) => Math.max(w, l.keys.length), 0);
