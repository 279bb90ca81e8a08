// The bench's own arithmetic (no timing here): figures summarise their samples, and a ratio
// target takes its limit from the baseline measured in the same run.
import { describe, expect, it } from 'vitest';
import { summarise } from '../../bench/lib/report.js';
import { checkTargets } from '../../bench/lib/targets.js';

const figure = (key: string, samples: number[], size = 20000) => summarise(key, key, size, 'ms', samples);

describe('bench figures and targets', () => {
  it('summarises samples as median, quartiles, p95 and range', () => {
    const f = figure('cmd.read', [5, 1, 4, 2, 3]);
    expect(f).toMatchObject({ n: 5, median: 3, p25: 2, p75: 4, min: 1, max: 5 });
    expect(f.p95).toBeCloseTo(4.8);
  });

  it('meets a ratio target at the limit and misses it just above', () => {
    const node = figure('cmd.node', [100, 100, 100]);
    const at = checkTargets([node, figure('cmd.read', [150, 150, 150])]).find((t) => t.key === 'cmd.read')!;
    expect(at).toMatchObject({ value: 150, limit: 150, met: true });
    const above = checkTargets([node, figure('cmd.read', [151, 151, 151])]).find((t) => t.key === 'cmd.read')!;
    expect(above.met).toBe(false);
  });

  it('takes each size its own baseline', () => {
    const targets = checkTargets([
      figure('cmd.node', [100], 20000),
      figure('cmd.read', [140], 20000),
      figure('cmd.node', [50], 100000),
      figure('cmd.read', [140], 100000),
    ]);
    expect(targets.filter((t) => t.key === 'cmd.read').map((t) => [t.size, t.met])).toEqual([
      [20000, true],
      [100000, false],
    ]);
  });

  it('reports a target whose baseline is missing as not met', () => {
    const [t] = checkTargets([figure('cmd.read', [10])]);
    expect(t).toMatchObject({ met: false, limit: null, rule: 'its baseline was not measured' });
  });

  it('compares keystrokes with interactive fzf on p95', () => {
    const targets = checkTargets([figure('reader.key', [10, 10, 10, 10, 40]), figure('reader.fzf-key', [20, 20, 20, 20, 20])]);
    const vsFzf = targets.find((t) => t.rule.includes('fzf'))!;
    expect(vsFzf.value).toBeGreaterThan(20);
    expect(vsFzf.met).toBe(false);
  });
});
