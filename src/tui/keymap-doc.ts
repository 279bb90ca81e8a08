// The README's key table, made from the keymap so the two cannot drift.
import { helpSections, SCREEN_TITLES } from './keymap.js';

export function keyTableMarkdown(): string {
  const out: string[] = [];
  for (const section of helpSections()) {
    out.push(`**${SCREEN_TITLES[section.screen]}**`, '', '| keys | does |', '| --- | --- |');
    for (const row of section.rows) {
      const keys = row.keys
        .split(' ')
        // A | inside a table cell ends the cell, even in a code span: GitHub reads \| as the character.
        .map((k) => `\`${k.replace(/\|/g, '\\|')}\``)
        .join(' ');
      out.push(`| ${keys} | ${row.help} |`);
    }
    out.push('');
  }
  return out.join('\n').trim();
}
