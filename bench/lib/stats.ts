// Small statistics helpers: every figure in the report is a median, a percentile or a ratio of them.

/** Linear-interpolated percentile (p in 0..100) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (samples: readonly number[]) => percentile(samples, 50);
export const p95 = (samples: readonly number[]) => percentile(samples, 95);
export const max = (samples: readonly number[]) => (samples.length ? Math.max(...samples) : Number.NaN);
export const sum = (samples: readonly number[]) => samples.reduce((a, b) => a + b, 0);

/** Rounds for display and JSON: 3 significant digits below 10, else 1 decimal. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value * 10) / 10;
  if (abs >= 10) return Math.round(value * 100) / 100;
  return Math.round(value * 1000) / 1000;
}
