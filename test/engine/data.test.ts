/**
 * Subsampling without replacement (regimes accumulate-subsample and keep-original) against the
 * exact hypergeometric law. Seed derive(5, "subsample"); chi-square goodness of fit rejecting at
 * p < 1e-6 per test (false-alarm probability ≤ 2e-6 for the file).
 */
import { describe, expect, it } from "vitest";
import { categoricalData, subsampleData } from "../../src/model/data.ts";
import { chiSquareGofTest, poolSmallCells } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

describe("subsampleData on categorical counts", () => {
  const counts = [5, 3, 12, 0, 1];
  const N = 21;
  const n = 6;
  const draws = 200_000;
  const stream = derive(5, "subsample");
  const marginal = [0, 2].map(() => new Float64Array(n + 1));
  const pairs = new Map<string, number>();
  for (let d = 0; d < draws; d++) {
    const s = subsampleData(categoricalData(counts), n, stream);
    if (s.kind !== "categorical") throw new Error("kind");
    if (d < 2000) {
      expect(s.size).toBe(n);
      expect(s.counts.reduce((a, b) => a + b, 0)).toBe(n);
      for (const [i, c] of s.counts.entries()) expect(c).toBeLessThanOrEqual(counts[i]);
    }
    marginal[0][s.counts[0]]++;
    marginal[1][s.counts[2]]++;
    const key = `${s.counts[0]},${s.counts[1]}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }

  it("each symbol's count is Hypergeometric(N, K_i, n)", () => {
    for (const [j, K] of [
      [0, 5],
      [1, 12],
    ]) {
      const expected = Float64Array.from({ length: n + 1 }, (_, x) =>
        x <= K && n - x <= N - K ? (draws * choose(K, x) * choose(N - K, n - x)) / choose(N, n) : 0,
      );
      const keep = Array.from(expected.keys()).filter((x) => expected[x] > 0);
      const pooled = poolSmallCells(
        keep.map((x) => marginal[j][x]),
        keep.map((x) => expected[x]),
      );
      expect(chiSquareGofTest(pooled.observed, pooled.expected).pValue).toBeGreaterThan(1e-6);
    }
  });

  it("the joint law of two symbols is the multivariate hypergeometric", () => {
    const obs: number[] = [];
    const exp: number[] = [];
    for (let a = 0; a <= 5; a++) {
      for (let b = 0; b <= 3; b++) {
        if (a + b > n) continue;
        const p = (choose(5, a) * choose(3, b) * choose(N - 8, n - a - b)) / choose(N, n);
        obs.push(pairs.get(`${a},${b}`) ?? 0);
        exp.push(draws * p);
      }
    }
    const pooled = poolSmallCells(obs, exp);
    expect(chiSquareGofTest(pooled.observed, pooled.expected).pValue).toBeGreaterThan(1e-6);
  });
});
