/**
 * The equivalence rule probabilityWithin: two one-sided exact binomial tests, i.e. the two-sided
 * (1 − α) Clopper–Pearson interval (one-sided bounds at α/2 each, as meanWithin) inside or
 * outside the band [p − δ, p + δ] ∩ [0, 1].
 *
 * Its false alarm — refuting a probability that lies in the band — is most likely with the truth
 * on the band's edge, where it is at most α/2 (exactly computable: the binomial is discrete, so
 * the rate r is a finite sum, below α/2). The simulated rates are measured at α = 0.05 over 400
 * seeds (derive("test/probabilityWithin", seed), seeds 1…400): the refutation count must lie in
 * the two-sided acceptance region of Binomial(400, r) at level 1e-3 each side — the test's own
 * false-alarm probability ≤ 2e-3 per check.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialCdf, binomialPmf, binomialSf } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { fillUniform } from "../../src/sample/index.ts";
import {
  decide,
  describeEvidence,
  evaluateScenario,
  type Outcome,
  probabilityWithin,
  probabilityWithinRule,
} from "../../src/verdict/index.ts";

interface ProbabilityCase {
  k: number;
  n: number;
  expected: number;
  tolerance: number;
  alpha: number;
  low: number;
  high: number;
  kappaLow: number | null;
  kappaHigh: number | null;
  pValue: number;
  outcome: Outcome;
}
const fx: { probabilityWithin: ProbabilityCase[] } = JSON.parse(
  readFileSync(new URL("../fixtures/verdict/within.json", import.meta.url), "utf8"),
);
const EPS = 2 ** -52;

/** n indicators of an event of probability p: uniform draws below p (seeded, printed above). */
function indicators(seed: number, n: number, p: number): Float64Array {
  const u = fillUniform(derive("test/probabilityWithin", seed), new Float64Array(n));
  for (let i = 0; i < n; i++) u[i] = u[i] < p ? 1 : 0;
  return u;
}

/** Exact probability that the rule ends in `outcome` when k ~ Binomial(n, pTrue). */
function outcomeProbability(
  outcome: Outcome,
  n: number,
  pTrue: number,
  expected: number,
  tolerance: number,
  alpha = 0.05,
): number {
  let total = 0;
  for (let k = 0; k <= n; k++) {
    if (probabilityWithinRule(k, n, expected, { alpha, tolerance }).outcome === outcome) {
      total += binomialPmf(k, n, pTrue);
    }
  }
  return total;
}

function inAcceptanceRegion(count: number, n: number, p: number): boolean {
  return binomialCdf(count, n, p) > 1e-3 && (count === 0 ? 1 : binomialSf(count - 1, n, p)) > 1e-3;
}

/** Refutations among 400 seeded samples of n indicators with P = pTrue (through decide). */
function refutations(n: number, pTrue: number, expected: number, absolute: number): number {
  const check = probabilityWithin("hit", expected, { absolute });
  let refuted = 0;
  for (let seed = 1; seed <= 400; seed++) {
    const e = decide(check, { hit: indicators(seed, n, pTrue) }, n, 0.05);
    if (e.outcome === "refuted") refuted++;
  }
  return refuted;
}

describe("probabilityWithin vs 50-digit references and scipy (fixture verdict/within.json)", () => {
  it("interval, p-value and outcome", () => {
    for (const c of fx.probabilityWithin) {
      const e = probabilityWithinRule(c.k, c.n, c.expected, {
        alpha: c.alpha,
        tolerance: c.tolerance,
      });
      const input = JSON.stringify({ k: c.k, n: c.n, p: c.expected, δ: c.tolerance, α: c.alpha });
      // Bounds from the Beta-quantile solver: it inverts betaCdf/betaSf (≤ 32·max(1, |ln t|)·ε
      // relative, test/numeric/distributions.test.ts) on y = min(x, 1 − x), so the error is that
      // times the condition number κ = t/(y f(x)) (from the fixture), plus the final rounding:
      // |x̂ − x| ≤ (32·max(1, |ln t|)·κ + 4)·ε·y + 2ε·|x|, t = α/2. The bounds 0 and 1 are exact.
      const t = c.alpha / 2;
      for (const [actual, expected, kappa] of [
        [e.interval[0], c.low, c.kappaLow],
        [e.interval[1], c.high, c.kappaHigh],
      ] as const) {
        const y = Math.min(expected, 1 - expected);
        const tol =
          kappa === null
            ? 0
            : (32 * Math.max(1, Math.abs(Math.log(t))) * kappa + 4) * EPS * y +
              2 * EPS * Math.abs(expected);
        expect(
          Math.abs(actual - expected),
          `${input}: bound expected ${expected}, actual ${actual}, tolerance ${tol}`,
        ).toBeLessThanOrEqual(tol);
      }
      // p = min(1, 2·tail): the binomial tails are held to 64·max(1, |ln v|)·ε relative
      // (test/numeric/distributions.test.ts); doubling and the clamp are exact.
      const tolP = 64 * Math.max(1, Math.abs(Math.log(c.pValue))) * EPS * c.pValue;
      expect(
        Math.abs(e.pValue - c.pValue),
        `${input}: p expected ${c.pValue}, actual ${e.pValue}, tolerance ${tolP}`,
      ).toBeLessThanOrEqual(tolP);
      expect(e.outcome, input).toBe(c.outcome);
      expect(e.statistic).toBe(c.k);
      expect(e.estimate).toBe(c.k / c.n);
    }
    // The fixture reaches every outcome, and the clipped bands.
    const outcomes = new Set(fx.probabilityWithin.map((c) => c.outcome));
    expect([...outcomes].sort()).toEqual(["inconclusive", "refuted", "supported"]);
  });

  it("refuted ⟺ p < α ⟺ interval wholly outside the band; supported ⟺ inside (fast-check, seed 12)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1e-3, max: 0.45, noNaN: true }),
        fc.constantFrom(0.05, 0.01, 1e-6),
        (n, fraction, expected, tolerance, alpha) => {
          const k = Math.round(fraction * n);
          const e = probabilityWithinRule(k, n, expected, { alpha, tolerance });
          const a = Math.max(0, expected - tolerance);
          const b = Math.min(1, expected + tolerance);
          const [lo, hi] = e.interval;
          expect(e.pValue < alpha).toBe(e.outcome === "refuted");
          expect(lo > b || hi < a).toBe(e.outcome === "refuted");
          expect(lo >= a && hi <= b).toBe(e.outcome === "supported");
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it("errors are bounded exactly: a truth in the band is refuted w.p. ≤ α/2, one outside supported w.p. ≤ α/2", () => {
    // Exact sums over k ~ Binomial(n, P) for truths on, inside and just outside both edges.
    for (const [n, expected, tolerance] of [
      [60, 0.3, 0.1],
      [200, 0.3, 0.05],
      [150, 0.05, 0.04], // band [0.01, 0.09]: skewed binomial near 0
    ] as const) {
      const lo = expected - tolerance;
      const hi = expected + tolerance;
      for (const truth of [lo, (lo + expected) / 2, expected, hi]) {
        const r = outcomeProbability("refuted", n, truth, expected, tolerance);
        expect(
          r,
          `P(refute) at P = ${truth}, band ${expected} ± ${tolerance}, n = ${n}`,
        ).toBeLessThanOrEqual(0.025);
      }
      for (const truth of [lo - 1e-9, lo - 0.01, hi + 1e-9, hi + 0.01]) {
        const s = outcomeProbability("supported", n, truth, expected, tolerance);
        expect(
          s,
          `P(support) at P = ${truth}, band ${expected} ± ${tolerance}, n = ${n}`,
        ).toBeLessThanOrEqual(0.025);
      }
    }
  });

  it("false-alarm rate at the band's edge and inside: 400 seeds in the region of Binomial(400, r)", () => {
    // Band 0.3 ± 0.05, n = 200, α = 0.05: truth on the upper edge (0.35), then at the centre.
    for (const truth of [0.35, 0.3]) {
      const r = outcomeProbability("refuted", 200, truth, 0.3, 0.05);
      expect(r).toBeLessThanOrEqual(0.025);
      const refuted = refutations(200, truth, 0.3, 0.05);
      console.log(
        `probabilityWithin: ${refuted}/400 refuted at P = ${truth} (exact rate ${r.toPrecision(4)}, expected ${(400 * r).toFixed(2)})`,
      );
      expect(inAcceptanceRegion(refuted, 400, r), `${refuted}/400 at P = ${truth}, r = ${r}`).toBe(
        true,
      );
    }
  });

  it("power: a truth wholly outside is refuted, one well inside supported at adequate n", () => {
    // P = 0.5 against 0.2 ± 0.05 at n = 200; P = 0.3 against 0.3 ± 0.1 at n = 1500. The exact
    // probability of any other outcome is computed first; the seeded draws (seeds 1…10) then
    // fail with probability ≤ 10 × that.
    const cases = [
      { n: 200, truth: 0.5, expected: 0.2, tolerance: 0.05, outcome: "refuted" },
      { n: 1500, truth: 0.3, expected: 0.3, tolerance: 0.1, outcome: "supported" },
    ] as const;
    for (const c of cases) {
      const miss = 1 - outcomeProbability(c.outcome, c.n, c.truth, c.expected, c.tolerance);
      expect(miss, JSON.stringify(c)).toBeLessThan(1e-6);
      const check = probabilityWithin("hit", c.expected, { absolute: c.tolerance });
      for (let seed = 1; seed <= 10; seed++) {
        const e = decide(check, { hit: indicators(seed, c.n, c.truth) }, c.n, 0.05);
        expect(e.outcome, `seed ${seed}: ${describeEvidence(e)}`).toBe(c.outcome);
      }
    }
  });

  it("the sequential evaluation doubles replicates until the interval fits in the band", () => {
    // P = 0.3 against 0.3 ± 0.08, looks at 25, 50, …, 1600 (7 looks, α/7 each). 25 replicates
    // cannot fit the interval in the band (half-width ≈ 0.2 > 0.08). The scenario ends otherwise
    // than supported only if some look refutes or the last look does not support: the union
    // bound below, computed exactly, is this check's false-failure probability.
    const alphaPerTest = 0.05 / 7;
    expect(outcomeProbability("supported", 25, 0.3, 0.3, 0.08, alphaPerTest)).toBe(0);
    let failure = 1 - outcomeProbability("supported", 1600, 0.3, 0.3, 0.08, alphaPerTest);
    for (let n = 25; n <= 1600; n *= 2) {
      failure += outcomeProbability("refuted", n, 0.3, 0.3, 0.08, alphaPerTest);
    }
    expect(failure).toBeLessThan(1e-3);
    const v = evaluateScenario(
      [probabilityWithin("hit", 0.3, { absolute: 0.08 })],
      (first, count) => ({ hit: indicators(1000 + first, count, 0.3) }),
      { alpha: 0.05, replicates: 25, maxReplicates: 1600 },
    );
    console.log(
      `probabilityWithin sequential: ${v.outcome} after ${v.looks} looks, n = ${v.replicates} (false-failure bound ${failure.toPrecision(3)})`,
    );
    expect(v.alphaPerTest).toBe(alphaPerTest);
    expect(v.outcome, describeEvidence(v.evidence[0])).toBe("supported");
    expect(v.replicates).toBeGreaterThan(25);
  });

  it("evidence reads as a claim about the band, the clipped band spelled out", () => {
    const e = decide(
      probabilityWithin("hit", 0.3, { relative: 0.5 }),
      { hit: indicators(7, 200, 0.3) },
      200,
      0.05,
    );
    const line = describeEvidence(e);
    expect(line).toMatch(/^(SUPPORTED|INCONCLUSIVE|REFUTED) hit: P within 0\.3 ± 0\.15: estimate /);
    expect(line).toContain("exact binomial, Clopper–Pearson interval in band (TOST)");
    const clipped = probabilityWithinRule(0, 100, 0.02, { alpha: 0.05, tolerance: 0.05 });
    expect(describeEvidence(clipped)).toMatch(
      /^SUPPORTED P within 0\.02 ± 0\.05 \(band \[0, 0\.07\]\): estimate 0 \[0, 0\.03622\]/,
    );
  });

  it("observations must be 0/1 indicators", () => {
    const check = probabilityWithin("hit", 0.5, { absolute: 0.1 });
    expect(() => decide(check, { hit: Float64Array.from([1, 0, 0.5]) }, 3, 0.05)).toThrow(
      /probability: hit\[2\] must be a 0\/1 indicator, got 0\.5/,
    );
  });

  it("names bad parameters and values", () => {
    expect(() => probabilityWithin("x", 0.5, {})).toThrow(
      /probabilityWithin: options give exactly one of absolute or relative/,
    );
    expect(() => probabilityWithin("x", 0.5, { absolute: 0.1, relative: 0.1 })).toThrow(
      /probabilityWithin: options .*exactly one/,
    );
    expect(() => probabilityWithin("x", 1.2, { absolute: 0.1 })).toThrow(
      /probabilityWithin: expected must be a probability in \[0, 1\], got 1\.2/,
    );
    expect(() => probabilityWithin("x", Number.NaN, { absolute: 0.1 })).toThrow(
      /probabilityWithin: expected .*got NaN/,
    );
    expect(() => probabilityWithin("x", 0.5, { absolute: 0 })).toThrow(
      /probabilityWithin: absolute must be finite and > 0, got 0/,
    );
    expect(() => probabilityWithin("x", 0.5, { absolute: Number.POSITIVE_INFINITY })).toThrow(
      /probabilityWithin: absolute must be finite and > 0, got Infinity/,
    );
    expect(() => probabilityWithin("x", 0, { relative: 0.1 })).toThrow(
      /probabilityWithin: relative needs expected ≠ 0/,
    );
    expect(() => probabilityWithin("x", 0.5, { absolute: 0.5 })).toThrow(
      /probabilityWithin: absolute must leave part of \[0, 1\] outside the band.*got 0\.5/,
    );
    expect(() => probabilityWithin("x", 0.4, { relative: 2 })).toThrow(
      /probabilityWithin: relative must leave part of \[0, 1\] outside the band.*got 2/,
    );
    expect(probabilityWithin("x", 0.4, { relative: 0.25 })).toMatchObject({
      rule: "probability-within",
      expected: 0.4,
      tolerance: 0.1,
    });
    expect(() => probabilityWithinRule(3, 2, 0.5, { alpha: 0.05, tolerance: 0.1 })).toThrow(
      /probabilityWithin: successes .*got 3/,
    );
    expect(() => probabilityWithinRule(1, 2, 0.5, { alpha: 0.5, tolerance: 0.1 })).toThrow(
      /probabilityWithin: alpha must be in \(0, 0\.5\), got 0\.5/,
    );
    expect(() => probabilityWithinRule(1, 2, 0.5, { alpha: 0.05, tolerance: -1 })).toThrow(
      /probabilityWithin: tolerance must be finite and > 0, got -1/,
    );
  });
});
