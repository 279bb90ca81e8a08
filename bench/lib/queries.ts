// The query sets: a fixed list for search as you type, and (query → intended article)
// pairs drawn from the archive's titles with a seeded RNG.
import type { ArticleMeta } from '../../src/model/schema.js';
import { rng } from '../synthetic.js';

/** Typed one character at a time. Plain words, two-word queries, author names, and typos
 * (substitutions, transpositions, doubled and dropped letters). */
export const TYPING_QUERIES = [
  'police',
  'hospital doctor',
  'polcie',
  'goverment',
  'wedding dinner',
  'restuarant',
  'chocolate',
  'family history',
  'priya kaur',
  'tanaka',
  'sam ekwueme',
  'ekwuene',
  'money school',
  'computer scince',
  'the president',
  'water',
  'strange ship',
  'musuem',
  'remember father',
  'bussiness',
  'kitchen knife',
  'south country',
  'hosptial',
  'moving paper',
  'sweet heart',
  'football team',
];

export type Mutation = 'typo' | 'transpose' | 'partial' | 'drop' | 'double' | 'typo+partial';
const MUTATIONS: Mutation[] = ['typo', 'transpose', 'partial', 'drop', 'double', 'typo+partial'];

/** Neighbouring keys on a QWERTY keyboard, for realistic substitutions. */
const NEAR: Record<string, string> = {
  a: 'sqz',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** An inner position: never the first letter (people rarely get that wrong). */
const inner = (r: Rand, w: string) => 1 + Math.floor(r() * (w.length - 2));

export function mutate(word: string, m: Exclude<Mutation, 'typo+partial'>, r: Rand): string {
  if (word.length < 5) return word;
  const i = inner(r, word);
  switch (m) {
    case 'typo': {
      const near = NEAR[word[i]] ?? 'e';
      return word.slice(0, i) + pick(r, near.split('')) + word.slice(i + 1);
    }
    case 'transpose':
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 'drop':
      return word.slice(0, i) + word.slice(i + 1);
    case 'double':
      return word.slice(0, i + 1) + word[i] + word.slice(i + 1);
    case 'partial':
      return word.slice(0, Math.max(4, Math.ceil(word.length * 0.6)));
  }
}

export interface QualityPair {
  query: string;
  id: string;
  title: string;
  mutation: Mutation;
}

const titleWords = (title: string) => (title.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => /^[a-z]+$/.test(w));

/** Pairs for the result-quality check: a person remembers 2–3 of a title's less common words
 * (from the rarer half by document frequency over all titles), and types them with a mistake or only partly. */
export function qualityPairs(articles: readonly Pick<ArticleMeta, 'id' | 'title'>[], count = 40, seed = 20260101): QualityPair[] {
  const df = new Map<string, number>();
  for (const a of articles) for (const w of new Set(titleWords(a.title))) df.set(w, (df.get(w) ?? 0) + 1);
  const r = rng(seed);
  const pairs: QualityPair[] = [];
  const used = new Set<string>();
  for (let attempts = 0; pairs.length < count && attempts < count * 50; attempts++) {
    const a = articles[Math.floor(r() * articles.length)];
    if (used.has(a.id)) continue;
    const words = [...new Set(titleWords(a.title))].filter((w) => w.length >= 3);
    if (words.length < 3) continue; // CJK and very short titles: nothing to remember
    const n = r() < 0.5 ? 2 : 3;
    // n words drawn at random from the rarer half of the title's words (by df, ties broken at random).
    const rarer = words
      .map((w) => ({ w, key: (df.get(w) ?? 0) + r() * 0.5 }))
      .sort((x, y) => x.key - y.key)
      .slice(0, Math.max(n, Math.ceil(words.length / 2)))
      .map((x) => x.w);
    const chosen: string[] = [];
    while (chosen.length < n) chosen.push(rarer.splice(Math.floor(r() * rarer.length), 1)[0]);
    const order = titleWords(a.title);
    chosen.sort((x, y) => order.indexOf(x) - order.indexOf(y));
    const mutation = MUTATIONS[pairs.length % MUTATIONS.length];
    const longest = chosen.reduce((best, w, i) => (w.length > chosen[best].length ? i : best), 0);
    if (chosen[longest].length < 5) continue; // nothing long enough to misspell
    const q = [...chosen];
    if (mutation === 'typo+partial') {
      q[longest] = mutate(q[longest], 'typo', r);
      const other = q.findIndex((w, i) => i !== longest && w.length >= 5);
      if (other >= 0) q[other] = mutate(q[other], 'partial', r);
    } else {
      q[longest] = mutate(q[longest], mutation, r);
    }
    used.add(a.id);
    pairs.push({ query: q.join(' '), id: a.id, title: a.title, mutation });
  }
  return pairs;
}
