/**
 * The equivalence rule quantileWithin: the distribution-free two-sided (1 − α) interval of a
 * q-quantile between two order statistics [X_(l), X_(u)] (one-sided bounds at α/2 each, as
 * meanWithin) inside or outside the band [e − δ, e + δ].
 *
 * For a continuous law the refutation rate has a closed form: X_(l) > c ⟺ #{X ≤ c} ≤ l − 1 and
 * X_(u) < c ⟺ #{X < c} ≥ u, both counts Binomial(n, F(c)); the two events exclude each other
 * (l < u), so r = P(Bin(n, F(b)) ≤ l − 1) + P(Bin(n, F(a)) ≥ u) for the band [a, b]. With the
 * truth on the band's edge r ≤ α/2. Measured at α = 0.05 over 400 seeds
 * (derive("test/quantileWithin", seed), seeds 1…400): the refutation count must lie in the
 * two-sided acceptance region of Binomial(400, r) at level 1e-3 each side — the test's own
 * false-alarm probability ≤ 2e-3 per check.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialCdf, binomialSf, normalCdf, normalQuantile } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { fillNormal } from "../../src/sample/index.ts";
import {
  decide,
  describeEvidence,
  evaluateScenario,
  type Outcome,
  quantileIntervalRanks,
  quantileWithin,
  quantileWithinRule,
} from "../../src/verdict/index.ts";

interface QuantileCase {
  label: string;
  x: number[];
  q: number;
  expected: number;
  tolerance: number;
  alpha: number;
  l: number;
  u: number;
  low: number | null;
  high: number | null;
  pValue: number;
  outcome: Outcome;
}
const fx: { quantileWithin: QuantileCase[] } = JSON.parse(
  readFileSync(new URL("../fixtures/verdict/within.json", import.meta.url), "utf8"),
);
const EPS = 2 ** -52;

function normals(seed: number, n: number): Float64Array {
  return fillNormal(derive("test/quantileWithin", seed), new Float64Array(n), 0, 1);
}

function inAcceptanceRegion(count: number, n: number, p: number): boolean {
  return binomialCdf(count, n, p) > 1e-3 && (count === 0 ? 1 : binomialSf(count - 1, n, p)) > 1e-3;
}

/** Exact P(refuted) for n standard normal values: see the file comment. */
function refutationRate(n: number, q: number, a: number, b: number, alpha = 0.05): number {
  const [l, u] = quantileIntervalRanks(n, q, alpha / 2, alpha / 2);
  const lowerAbove = l === 0 ? 0 : binomialCdf(l - 1, n, normalCdf(b));
  const upperBelow = u === n + 1 ? 0 : binomialSf(u - 1, n, normalCdf(a));
  return lowerAbove + upperBelow;
}

/** Exact P(not supported) ≤ P(X_(l) < a) + P(X_(u) > b) for n standard normal values. */
function nonSupportBound(n: number, q: number, a: number, b: number, alpha = 0.05): number {
  const [l, u] = quantileIntervalRanks(n, q, alpha / 2, alpha / 2);
  if (l === 0 || u === n + 1) return 1;
  return binomialSf(l - 1, n, normalCdf(a)) + binomialCdf(u - 1, n, normalCdf(b));
}

describe("quantileWithin vs 50-digit ranks and scipy's quantile_test (fixture verdict/within.json)", () => {
  it("ranks, interval, p-value and outcome", () => {
    for (const c of fx.quantileWithin) {
      const x = Float64Array.from(c.x);
      const half = c.alpha / 2;
      expect(quantileIntervalRanks(x.length, c.q, half, half), c.label).toEqual([c.l, c.u]);
      const e = quantileWithinRule(x, c.q, c.expected, { alpha: c.alpha, tolerance: c.tolerance });
      // The bounds are data values: exact. null in JSON is an unbounded side.
      expect(e.interval, c.label).toEqual([
        c.low ?? Number.NEGATIVE_INFINITY,
        c.high ?? Number.POSITIVE_INFINITY,
      ]);
      // p = min(1, 2·tail): binomial tails held to 64·max(1, |ln v|)·ε relative
      // (test/numeric/distributions.test.ts); doubling and the clamp are exact.
      const tolP = 64 * Math.max(1, Math.abs(Math.log(c.pValue))) * EPS * c.pValue;
      expect(
        Math.abs(e.pValue - c.pValue),
        `${c.label}: p expected ${c.pValue}, actual ${e.pValue}, tolerance ${tolP}`,
      ).toBeLessThanOrEqual(tolP);
      expect(e.outcome, c.label).toBe(c.outcome);
      expect(e.replicates).toBe(x.length);
    }
    const outcomes = new Set(fx.quantileWithin.map((c) => c.outcome));
    expect([...outcomes].sort()).toEqual(["inconclusive", "refuted", "supported"]);
  });

  it("refuted ⟺ p < α ⟺ interval wholly outside the band; the sample quantile inside the interval (fast-check, seed 13)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.boolean(),
        (seed, n, q, expected, tolerance, rounded) => {
          const x = normals(seed, n);
          // Rounded values make ties and values on the band's edges (the discrete case).
          if (rounded) for (let i = 0; i < n; i++) x[i] = Math.round(4 * x[i]) / 4;
          const e = quantileWithinRule(x, q, expected, { alpha: 0.05, tolerance });
          const [lo, hi] = e.interval;
          const a = expected - tolerance;
          const b = expected + tolerance;
          expect(e.pValue < 0.05).toBe(e.outcome === "refuted");
          expect(lo > b || hi < a).toBe(e.outcome === "refuted");
          expect(lo >= a && hi <= b).toBe(e.outcome === "supported");
          expect(lo <= e.estimate && e.estimate <= hi).toBe(true);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });

  it("the sample quantile is the smallest value whose empirical CDF reaches q", () => {
    const x = Float64Array.from([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]); // sorted: 1 … 10
    const est = (q: number) => quantileWithinRule(x, q, 0, { alpha: 0.05, tolerance: 1 }).estimate;
    expect([est(0.1), est(0.15), est(0.5), est(0.51), est(0.9), est(0.99)]).toEqual([
      1, 2, 5, 6, 9, 10,
    ]);
    // 0.7·10 = 7.000000000000001 in doubles: the rank is still 7.
    expect(est(0.7)).toBe(7);
  });

  it("false-alarm rate at the band's edge and inside: 400 seeds in the region of Binomial(400, r)", () => {
    // Standard normals, n = 100, q = 0.8 (ξ = Φ⁻¹(0.8) ≈ 0.8416), δ = 0.3, α = 0.05: the truth on
    // the band's upper edge (e = ξ − δ), then at the centre (e = ξ).
    const q = 0.8;
    const xi = normalQuantile(q);
    for (const [where, expected] of [
      ["edge", xi - 0.3],
      ["centre", xi],
    ] as const) {
      const r = refutationRate(100, q, expected - 0.3, expected + 0.3);
      expect(r).toBeLessThanOrEqual(0.025);
      const check = quantileWithin("v", q, expected, { absolute: 0.3 });
      let refuted = 0;
      for (let seed = 1; seed <= 400; seed++) {
        if (decide(check, { v: normals(seed, 100) }, 100, 0.05).outcome === "refuted") refuted++;
      }
      console.log(
        `quantileWithin: ${refuted}/400 refuted, truth at the ${where} (exact rate ${r.toPrecision(4)}, expected ${(400 * r).toFixed(2)})`,
      );
      expect(inAcceptanceRegion(refuted, 400, r), `${refuted}/400 at the ${where}, r = ${r}`).toBe(
        true,
      );
    }
  });

  it("power: a truth wholly outside is refuted, one well inside supported at adequate n", () => {
    // Median 0 of standard normals. Refuted: band 2 ± 0.5, n = 100. Supported: band 0 ± 0.5,
    // n = 400. The exact probability of another outcome is bounded first; the seeded draws
    // (seeds 501…510) then fail with probability ≤ 10 × that.
    const refuteMiss = 1 - refutationRate(100, 0.5, 1.5, 2.5);
    expect(refuteMiss).toBeLessThan(1e-9);
    const supportMiss = nonSupportBound(400, 0.5, -0.5, 0.5);
    expect(supportMiss).toBeLessThan(1e-6);
    const outside = quantileWithin("v", 0.5, 2, { absolute: 0.5 });
    const inside = quantileWithin("v", 0.5, 0, { absolute: 0.5 });
    for (let seed = 501; seed <= 510; seed++) {
      const e1 = decide(outside, { v: normals(seed, 100) }, 100, 0.05);
      expect(e1.outcome, `seed ${seed}: ${describeEvidence(e1)}`).toBe("refuted");
      const e2 = decide(inside, { v: normals(seed, 400) }, 400, 0.05);
      expect(e2.outcome, `seed ${seed}: ${describeEvidence(e2)}`).toBe("supported");
    }
  });

  it("the sequential evaluation doubles replicates until the interval fits in the band", () => {
    // Median of standard normals in 0 ± 0.25; looks at 20, 40, …, 1280 (7 looks, α/7 each).
    // With n = 20 the ranks leave the interval too wide (X_(6)…X_(15) spans ≈ ±0.6). The scenario
    // fails only if some look refutes or the last one does not support; the union bound of those
    // exact probabilities is this check's false-failure probability.
    const alphaPerTest = 0.05 / 7;
    let failure = nonSupportBound(1280, 0.5, -0.25, 0.25, alphaPerTest);
    for (let n = 20; n <= 1280; n *= 2)
      failure += refutationRate(n, 0.5, -0.25, 0.25, alphaPerTest);
    expect(failure).toBeLessThan(1e-3);
    const v = evaluateScenario(
      [quantileWithin("v", 0.5, 0, { absolute: 0.25 })],
      (first, count) => ({ v: normals(5000 + first, count) }),
      { alpha: 0.05, replicates: 20, maxReplicates: 1280 },
    );
    console.log(
      `quantileWithin sequential: ${v.outcome} after ${v.looks} looks, n = ${v.replicates} (false-failure bound ${failure.toPrecision(3)})`,
    );
    expect(v.alphaPerTest).toBe(alphaPerTest);
    expect(v.outcome, describeEvidence(v.evidence[0])).toBe("supported");
    expect(v.replicates).toBeGreaterThan(20);
  });

  it("unbounded sides and infinite values: the order statistics as they are", () => {
    // q = 0.95 from 30 values: P(B ≥ 30) = 0.95³⁰ ≈ 0.21 > α/2, so no upper rank: +∞.
    const few = quantileWithinRule(normals(1, 30), 0.95, 1.6, { alpha: 0.05, tolerance: 0.5 });
    expect(few.interval[1]).toBe(Number.POSITIVE_INFINITY);
    expect(few.outcome).not.toBe("supported");
    expect(describeEvidence(few)).toMatch(/, ∞\]/);
    // A time that is +∞ in 40% of replicates still has a finite median.
    const times = Float64Array.from({ length: 200 }, (_, i) =>
      i % 5 < 2 ? Number.POSITIVE_INFINITY : 10 + (i % 7),
    );
    const e = quantileWithinRule(times, 0.5, 12, { alpha: 0.05, tolerance: 5 });
    expect(e.outcome).toBe("supported");
    expect(Number.isFinite(e.interval[1])).toBe(true);
  });

  it("evidence reads as a claim about the quantile's band", () => {
    const e = decide(
      quantileWithin("logRatio", 0.5, 0, { absolute: 0.5 }),
      { logRatio: normals(3, 400) },
      400,
      0.05,
    );
    expect(describeEvidence(e)).toMatch(
      /^SUPPORTED logRatio: q0\.5 within 0 ± 0\.5: estimate \S+ \[-0\.\d+, 0\.\d+\] \(distribution-free order-statistic interval in band \(TOST, exact binomial\), statistic \d+, p = 1,/,
    );
  });

  it("names bad parameters and values", () => {
    expect(() => quantileWithin("x", 0.5, 1, {})).toThrow(
      /quantileWithin: options give exactly one of absolute or relative/,
    );
    expect(() => quantileWithin("x", 0.5, 1, { absolute: 1, relative: 1 })).toThrow(
      /quantileWithin: options .*exactly one/,
    );
    expect(() => quantileWithin("x", 1, 1, { absolute: 1 })).toThrow(
      /quantileWithin: q must be in \(0, 1\), got 1/,
    );
    expect(() => quantileWithin("x", 0, 1, { absolute: 1 })).toThrow(
      /quantileWithin: q must be in \(0, 1\), got 0/,
    );
    expect(() => quantileWithin("x", 0.5, Number.POSITIVE_INFINITY, { absolute: 1 })).toThrow(
      /quantileWithin: expected must be a finite number, got Infinity/,
    );
    expect(() => quantileWithin("x", 0.5, 1, { absolute: -0.1 })).toThrow(
      /quantileWithin: absolute must be finite and > 0, got -0\.1/,
    );
    expect(() => quantileWithin("x", 0.5, 0, { relative: 0.1 })).toThrow(
      /quantileWithin: relative needs expected ≠ 0/,
    );
    expect(quantileWithin("x", 0.9, -4, { relative: 0.05 })).toMatchObject({
      rule: "quantile-within",
      q: 0.9,
      expected: -4,
      tolerance: 0.2,
    });
    const rule = (x: Float64Array) => quantileWithinRule(x, 0.5, 0, { alpha: 0.05, tolerance: 1 });
    expect(() => rule(new Float64Array(0))).toThrow(
      /quantileWithin: values must be a Float64Array of >= 1 values/,
    );
    expect(() => rule(Float64Array.from([1, Number.NaN]))).toThrow(
      /quantileWithin: values\[1\] must not be NaN, got NaN/,
    );
    expect(() => quantileWithinRule(normals(1, 5), 0.5, 0, { alpha: 0.05, tolerance: 0 })).toThrow(
      /quantileWithin: tolerance must be finite and > 0, got 0/,
    );
    expect(() => quantileIntervalRanks(10, 0.5, 0, 0.05)).toThrow(
      /quantileIntervalRanks: alphaLower must be in \(0, 1\), got 0/,
    );
  });
});
