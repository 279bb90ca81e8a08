import wrapAnsi from 'wrap-ansi';
import { readFileSync } from 'node:fs';
import { wrapText } from '../src/text/wrap.js';
const body = JSON.parse(readFileSync('data/protocol/articles/profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while.json', 'utf8')).body;
const texts: string[] = body.map((b: { text?: string; caption?: string }) => b.text ?? b.caption ?? '');
for (const [name, fn] of [['wrap-ansi', (t: string) => wrapAnsi(t, 76, { hard: true, trim: true }).split('\n')], ['wrapText', (t: string) => wrapText(t, 76)]] as const) {
  for (let warm = 0; warm < 3; warm++) texts.forEach((t) => fn(t));
  const s = performance.now();
  for (let i = 0; i < 20; i++) texts.forEach((t) => fn(t));
  console.log(name, ((performance.now() - s) / 20).toFixed(2), 'ms per layout of the China article');
}
