// Word-shingle precision/recall/F1 of extracted article text, computed the way the public
// article-extraction benchmarks do (see the extraction-metric notes in the README):
// tokens are runs of Unicode word characters, shingles are runs of 4 tokens, counted as a
// multiset; each page weighs the same; the set's F1 is taken from the mean P and mean R.

/** Python's `\w` on str: letters, numbers and the underscore (combining marks are not word characters). */
const WORD = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function shingles(text: string, size = 4): Map<string, number> {
  const words = tokens(text);
  const counts = new Map<string, number>();
  if (words.length === 0) return counts;
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  if (words.length < size) {
    add(words.join('\u0001'));
    return counts;
  }
  for (let i = 0; i + size <= words.length; i++) add(words.slice(i, i + size).join('\u0001'));
  return counts;
}

export interface PageScore {
  /** undefined when nothing was predicted: left out of the mean precision. */
  precision: number | undefined;
  recall: number;
}

export function scorePage(expected: string, predicted: string): PageScore {
  const truth = shingles(expected);
  const guess = shingles(predicted);
  if (guess.size === 0) return { precision: undefined, recall: truth.size === 0 ? 1 : 0 };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truth.keys(), ...guess.keys()])) {
    const t = truth.get(key) ?? 0;
    const p = guess.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  // Dividing by the sum makes every page weigh the same; precision and recall are ratios
  // of these, so the division is kept only to mirror the published procedure.
  const sum = tp + fp + fn;
  tp /= sum;
  fp /= sum;
  fn /= sum;
  if (fp === 0 && fn === 0) return { precision: 1, recall: 1 };
  return { precision: tp + fp > 0 ? tp / (tp + fp) : 0, recall: tp + fn > 0 ? tp / (tp + fn) : 0 };
}

export interface SetScore {
  precision: number;
  recall: number;
  f1: number;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function scoreSet(pages: PageScore[]): SetScore {
  const precision = mean(pages.flatMap((p) => (p.precision === undefined ? [] : [p.precision])));
  const recall = mean(pages.map((p) => p.recall));
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Spread of the set's F1 by resampling pages (deterministic seed): 2.5th and 97.5th percentiles. */
export function bootstrapF1(pages: PageScore[], rounds = 1000, seed = 1): { low: number; high: number; sd: number } {
  if (pages.length === 0) return { low: 0, high: 0, sd: 0 };
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const f1s: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const sample = Array.from({ length: pages.length }, () => pages[Math.floor(random() * pages.length)]);
    f1s.push(scoreSet(sample).f1);
  }
  f1s.sort((a, b) => a - b);
  const m = mean(f1s);
  const sd = Math.sqrt(mean(f1s.map((x) => (x - m) ** 2)));
  return { low: f1s[Math.floor(rounds * 0.025)], high: f1s[Math.min(rounds - 1, Math.floor(rounds * 0.975))], sd };
}
