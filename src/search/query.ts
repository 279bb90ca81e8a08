// Query syntax: words are ANDed, each matched fuzzily; `author:NAME` and `title:WORDS`
// restrict a word to one field; "quoted words" must appear together (still typo-tolerant);
// `tag:NAME` keeps only the articles with that tag (exactly, any case).

export type Field = 'title' | 'dek' | 'authors' | 'lead' | 'body';

export interface Term {
  text: string;
  field?: Field;
  /** A `tag:NAME` term: a filter, not words to find. */
  tag?: true;
}

const FIELD_ALIASES: Record<string, Field> = { author: 'authors', by: 'authors', title: 'title', dek: 'dek', body: 'body' };

export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  const re = /(?:(\w+):)?(?:"([^"]*)"?|(\S+))/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    const field = m[1] ? FIELD_ALIASES[m[1].toLowerCase()] : undefined;
    const text = (m[2] ?? m[3] ?? '').trim();
    if (m[1]?.toLowerCase() === 'tag') {
      if (text) terms.push({ text: text.normalize('NFC').toLowerCase(), tag: true });
      continue;
    }
    if (m[1] && !field) {
      terms.push({ text: `${m[1]}:${text}` });
      continue;
    }
    if (text) terms.push(field ? { text, field } : { text });
  }
  return terms;
}

/** Whether a query keeps only articles with a tag (`tag:NAME`). */
export const hasTagTerm = (query: string) => parseQuery(query).some((t) => t.tag);
