import fc from "fast-check";
import {
  mean as mathjsMean,
  quantileSeq as mathjsQuantileSeq,
  variance as mathjsVariance,
} from "mathjs";
import { describe, expect, it } from "vitest";
import {
  mean,
  meanVariance,
  quantile,
  quantiles,
  standardDeviation,
  variance,
} from "../../src/numeric/index.ts";
import { EPS, loadFixture } from "./accuracy.ts";

interface SummaryCase {
  name: string;
  x: number[];
  qs: number[];
  numpyQuantiles: number[];
  numpyMean: number;
  mpMean: number;
  mpVar0: number;
  mpVar1: number | null;
}
const fx = loadFixture<{ cases: SummaryCase[] }>("summary.json");

const relDiff = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe("summary statistics vs numpy / exact (fixture summary.json)", () => {
  it("quantile/quantiles reproduce numpy's default (linear, type 7) bit for bit", () => {
    for (const c of fx.cases) {
      expect(Array.from(quantiles(c.x, c.qs)), c.name).toEqual(c.numpyQuantiles);
      c.qs.forEach((q, i) => {
        expect(quantile(c.x, q), `${c.name} q=${q}`).toBe(c.numpyQuantiles[i]);
      });
    }
  });

  it("quantiles of a few probabilities (selection instead of a sort) reproduce numpy bit for bit", () => {
    // Up to 5 quantiles of ≥ 64 values are found by selection: fed 4 at a time, in reverse order.
    for (const c of fx.cases.filter((c) => c.x.length >= 64)) {
      for (let i = 0; i < c.qs.length; i += 4) {
        const idx = [3, 2, 1, 0].map((j) => i + j).filter((j) => j < c.qs.length);
        const got = Array.from(
          quantiles(
            c.x,
            idx.map((j) => c.qs[j]),
          ),
        );
        expect(got, `${c.name} qs ${idx.map((j) => c.qs[j])}`).toEqual(
          idx.map((j) => c.numpyQuantiles[j]),
        );
      }
    }
  });

  it("selection and sort give equal quantiles on ties, sorted, reversed and organ-pipe data (property)", () => {
    const orders = ["shuffled", "ascending", "descending", "organ-pipe"] as const;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 64, maxLength: 400 }),
        fc.constantFrom(...orders),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (values, order, qs) => {
          const x = [...values];
          if (order !== "shuffled") x.sort((a, b) => a - b);
          if (order === "descending") x.reverse();
          if (order === "organ-pipe") x.push(...x.splice(0, x.length / 2).reverse());
          const got = quantiles(x, qs);
          // === (not Object.is): selection may give −0 where the sort gives +0 (documented).
          for (const [i, q] of qs.entries()) expect(got[i] === quantile(x, q), `q=${q}`).toBe(true);
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it("mean within 2 ε and variance within 8 ε of the exact (60-digit) values", () => {
    // Compensated sum: error ≲ 2ε·Σ|x|/|Σx|; corrected two-pass variance: a few ε even for
    // 1e9 + N(0, 1e-3) data, where a one-pass Σx² − n·x̄² formula loses every digit.
    for (const c of fx.cases) {
      expect(relDiff(mean(c.x), c.mpMean), c.name).toBeLessThanOrEqual(2 * EPS);
      expect(relDiff(variance(c.x), c.mpVar0), c.name).toBeLessThanOrEqual(8 * EPS);
      if (c.mpVar1 !== null) {
        expect(relDiff(variance(c.x, 1), c.mpVar1), c.name).toBeLessThanOrEqual(8 * EPS);
        expect(relDiff(standardDeviation(c.x, 1), Math.sqrt(c.mpVar1)), c.name).toBeLessThanOrEqual(
          8 * EPS,
        );
      }
    }
  });

  it("meanVariance returns exactly mean() and variance() on the fixture cases", () => {
    for (const c of fx.cases) {
      for (const ddof of [0, 1]) {
        if (ddof >= c.x.length) continue;
        expect(meanVariance(c.x, ddof), c.name).toEqual({
          mean: mean(c.x),
          variance: variance(c.x, ddof),
        });
      }
    }
    expect(() => meanVariance([], 0)).toThrow(/meanVariance: x must be non-empty/);
    expect(() => meanVariance([1, Number.NaN])).toThrow(/meanVariance: x\[1\] .*got NaN/);
  });

  it("exact small cases", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBe(1.25);
    expect(variance([1, 2, 3, 4], 1)).toBe(5 / 3);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(variance([7])).toBe(0);
    expect(quantile([10, 7, 4, 3, 2, 1], 0.3)).toBe(2.5);
    expect(quantile([3, 1, 2], 0)).toBe(1);
    expect(quantile([3, 1, 2], 1)).toBe(3);
    expect(quantile([5], 0.7)).toBe(5);
    expect(Array.from(quantiles(Int32Array.from([4, 1, 3, 2]), [0, 0.5, 1]))).toEqual([1, 2.5, 4]);
    expect(mean(Int32Array.from([1, 2]))).toBe(1.5);
  });

  it("does not mutate its input", () => {
    const x = Float64Array.from([3, 1, 2]);
    quantile(x, 0.5);
    quantiles(x, [0.1, 0.9]);
    expect(Array.from(x)).toEqual([3, 1, 2]);
  });
});

describe("summary statistics agree with mathjs", () => {
  // Magnitudes within 1e±6 and mixed signs; mathjs sums naively, so the agreement bound is the
  // naive sum's error n·ε·Σ|x|/|Σx|, kept under 1e-12 by requiring |mean| ≥ 1e-3·mean(|x|).
  const sample = fc
    .array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
      minLength: 2,
      maxLength: 300,
    })
    .filter((x) => {
      const m = x.reduce((s, v) => s + v, 0) / x.length;
      const a = x.reduce((s, v) => s + Math.abs(v), 0) / x.length;
      return a > 0 && Math.abs(m) >= 1e-3 * a;
    });

  it("mean and variance (uncorrected / unbiased) to 1e-12 relative", () => {
    fc.assert(
      fc.property(sample, (x) => {
        expect(relDiff(mean(x), mathjsMean(x) as number)).toBeLessThanOrEqual(1e-12);
        const v0 = mathjsVariance(x, "uncorrected") as unknown as number;
        const v1 = mathjsVariance(x, "unbiased") as unknown as number;
        if (v0 > 0) {
          expect(relDiff(variance(x), v0)).toBeLessThanOrEqual(1e-12);
          expect(relDiff(variance(x, 1), v1)).toBeLessThanOrEqual(1e-12);
          expect(relDiff(standardDeviation(x, 1), Math.sqrt(v1))).toBeLessThanOrEqual(1e-12);
        }
      }),
      { seed: 51, numRuns: 500 },
    );
  });

  it("quantile vs mathjs quantileSeq (linear interpolation) to 1e-12 relative", () => {
    fc.assert(
      fc.property(
        // mathjs compares with an absolute tolerance (config.absTol = 1e-15), so values closer
        // than that may be mis-ordered by its sort: draw on a 1e-6 grid instead.
        fc.array(
          fc.integer({ min: -1e12, max: 1e12 }).map((k) => k / 1e6),
          { minLength: 1, maxLength: 200 },
        ),
        // mathjs's partitionSelect rejects the fractional index of subnormal q: use a grid.
        fc.integer({ min: 0, max: 10_000 }).map((k) => k / 10_000),
        (x, q) => {
          const ours = quantile(x, q);
          const theirs = mathjsQuantileSeq(x, q) as number;
          const scale = Math.max(Math.abs(theirs), ...x.map(Math.abs)) || 1;
          expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-12 * scale);
        },
      ),
      { seed: 52, numRuns: 500 },
    );
  });

  it("Float64Array, Int32Array and number[] give the same results", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 2, maxLength: 100 }),
        (xs) => {
          const f = Float64Array.from(xs);
          const i = Int32Array.from(xs);
          expect(mean(f)).toBe(mean(xs));
          expect(mean(i)).toBe(mean(xs));
          expect(variance(i, 1)).toBe(variance(xs, 1));
          expect(quantile(i, 0.37)).toBe(quantile(xs, 0.37));
        },
      ),
      { seed: 53, numRuns: 200 },
    );
  });
});
