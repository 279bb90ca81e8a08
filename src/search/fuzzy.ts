// How far a typed word is from the start of an indexed word: Damerau-Levenshtein distance
// between the query and the closest prefix of the token, so "selip" matches "selipsky"
// and "platfroms" matches "platforms".

/** Allowed typos for a query word of this length. */
export function maxTypos(length: number): number {
  return length <= 3 ? 0 : length <= 8 ? 1 : 2;
}

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Smallest edit distance from `query` to any prefix of `token`, or Infinity if over `limit`.
 * With `whole`, the distance to the whole token instead.
 */
export function prefixDistance(query: string, token: string, limit: number, whole = false): number {
  const n = query.length;
  const m = Math.min(token.length, n + limit);
  if (whole && Math.abs(token.length - n) > limit) return Infinity;
  const cols = (whole ? token.length : m) + 1;
  if (rows[0].length < cols) for (let i = 0; i < 3; i++) rows[i] = new Int32Array(cols * 2);
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const qc = query.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const tc = token.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (qc === tc ? 0 : 1));
      if (i > 1 && j > 1 && qc === token.charCodeAt(j - 2) && query.charCodeAt(i - 2) === tc) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return Infinity;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  if (whole) return prev[cols - 1] <= limit ? prev[cols - 1] : Infinity;
  let best = Infinity;
  for (let j = Math.max(0, n - limit); j < cols; j++) if (prev[j] < best) best = prev[j];
  return best <= limit ? best : Infinity;
}
