// The text of an expected-article HTML file, as the metric compares it: block elements
// separated by blank lines; no figure captions, scripts or styles (the ground truth of
// the public benchmarks holds none of them).
import { parseHTML } from 'linkedom';

const BLOCK = new Set(
  'address article aside blockquote body dd details div dl dt fieldset figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul br'.split(
    ' ',
  ),
);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'figcaption', 'svg', 'math']);

export function htmlText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push(child.textContent ?? '');
      else if (child.nodeType === 1) {
        const tag = (child as Element).localName;
        if (SKIP.has(tag)) continue;
        const block = BLOCK.has(tag);
        if (block) parts.push('\n\n');
        walk(child);
        if (block) parts.push('\n\n');
      }
    }
  };
  walk(document.body);
  return parts
    .join('')
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n\n')
    .trim();
}
