// Query syntax: words are ANDed, each matched fuzzily; `author:NAME` and `title:WORDS`
// restrict a word to one field; "quoted words" must appear together (still typo-tolerant).

export type Field = 'title' | 'dek' | 'authors' | 'lead' | 'body';

export interface Term {
  text: string;
  field?: Field;
}

const FIELD_ALIASES: Record<string, Field> = { author: 'authors', by: 'authors', title: 'title', dek: 'dek', body: 'body' };

export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  const re = /(?:(\w+):)?(?:"([^"]*)"?|(\S+))/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    const field = m[1] ? FIELD_ALIASES[m[1].toLowerCase()] : undefined;
    const text = (m[2] ?? m[3] ?? '').trim();
    if (m[1] && !field) {
      terms.push({ text: `${m[1]}:${text}` });
      continue;
    }
    if (text) terms.push(field ? { text, field } : { text });
  }
  return terms;
}
