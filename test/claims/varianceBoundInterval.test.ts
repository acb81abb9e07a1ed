/**
 * The variance-bound interval (src/verdict/varianceBoundInterval.ts): a (1 − α) interval for a
 * mean that holds for any law with the stated variance — measured on the laws where the z and t
 * intervals fail: right-skewed χ²₁ (the squared errors behind the sweep's false refutation),
 * log-normal(0, 1) (skewness 6.2), Bernoulli(0.01) (skewness 9.8) and the mirror image −χ²₁.
 *
 * Coverage test: at α = 1e-3, 20 000 intervals per law and sample size (streams
 * derive("test/varianceBoundInterval/<law>/<n>", 1)); the number k that miss the true mean must
 * not be improbably large under Binomial(20 000, 1e-3): P(K ≥ k) > 1e-4 — the test's own false
 * alarm ≤ 1e-4 per case (8 cases: ≤ 8e-4). The rule is valid by construction, so it may and does
 * cover more often than 1 − α; the z and t rates on the same samples are printed beside it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialSf, normalQuantile, studentTQuantile } from "../../src/numeric/index.ts";
import { derive, type RandomStream } from "../../src/rng/index.ts";
import { fillChiSquare, fillNormal, fillUniform } from "../../src/sample/index.ts";
import { meanEqualsRule } from "../../src/verdict/index.ts";
import { varianceBoundInterval } from "../../src/verdict/varianceBoundInterval.ts";

interface Law {
  readonly name: string;
  readonly mean: number;
  readonly variance: number;
  readonly fill: (stream: RandomStream, out: Float64Array) => void;
}

const LAWS: readonly Law[] = [
  { name: "chi-square-1", mean: 1, variance: 2, fill: (s, o) => void fillChiSquare(s, o, 1) },
  {
    name: "minus-chi-square-1",
    mean: -1,
    variance: 2,
    fill: (s, o) => {
      fillChiSquare(s, o, 1);
      for (let i = 0; i < o.length; i++) o[i] = -o[i];
    },
  },
  {
    name: "log-normal",
    mean: Math.exp(0.5),
    variance: (Math.E - 1) * Math.E,
    fill: (s, o) => {
      fillNormal(s, o, 0, 1);
      for (let i = 0; i < o.length; i++) o[i] = Math.exp(o[i]);
    },
  },
  {
    name: "bernoulli-0.01",
    mean: 0.01,
    variance: 0.01 * 0.99,
    fill: (s, o) => {
      fillUniform(s, o);
      for (let i = 0; i < o.length; i++) o[i] = o[i] < 0.01 ? 1 : 0;
    },
  },
];

const ALPHA = 1e-3;
const RUNS = 20_000;

describe("varianceBoundInterval: valid for any law with the variance bound", () => {
  for (const law of LAWS) {
    for (const n of [32, 200]) {
      it(`covers the mean of ${law.name} at n = ${n} (α = 1e-3, ${RUNS} intervals)`, () => {
        const stream = derive(`test/varianceBoundInterval/${law.name}/${n}`, 1);
        const x = new Float64Array(n);
        const z = normalQuantile(1 - ALPHA / 2);
        const t = studentTQuantile(1 - ALPHA / 2, n - 1);
        let missed = 0;
        let zMissed = 0;
        let tMissed = 0;
        for (let run = 0; run < RUNS; run++) {
          law.fill(stream, x);
          const ci = varianceBoundInterval(x, law.variance, ALPHA);
          if (ci.excludes(law.mean, ALPHA)) missed++;
          if (Math.abs(ci.mean - law.mean) > z * ci.standardError) zMissed++;
          let ss = 0;
          for (let i = 0; i < n; i++) ss += (x[i] - ci.mean) ** 2;
          if (Math.abs(ci.mean - law.mean) > t * Math.sqrt(ss / (n - 1) / n)) tMissed++;
        }
        const tail = missed === 0 ? 1 : binomialSf(missed - 1, RUNS, ALPHA);
        console.log(
          `${law.name} n=${n}: variance-bound ${missed}/${RUNS} missed (nominal ≤ ${RUNS * ALPHA}, P(K ≥ k) = ${tail.toExponential(2)}); z ${zMissed}, t ${tMissed}`,
        );
        expect(tail, `${missed}/${RUNS} intervals missed the mean`).toBeGreaterThan(1e-4);
      });
    }
  }

  it("the inequality behind it: e^(x − x²/6) ≤ 1 + x + x²/3 for every real x (fast-check, seed 7)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), (v) => {
        const lhs = Math.exp(v - (v * v) / 6);
        const rhs = 1 + v + (v * v) / 3;
        // Both sides agree to third order at 0: allow a few ulps of the larger side.
        expect(lhs).toBeLessThanOrEqual(rhs + 4 * Number.EPSILON * Math.max(1, rhs));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("excludes a mean exactly when its p-value is below the level, and monotonely in the level (seed 3)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 5, max: 400 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (seed, n, mu0) => {
          const x = fillChiSquare(
            derive("test/varianceBoundInterval/p", seed),
            new Float64Array(n),
            1,
          );
          const ci = varianceBoundInterval(x, 2, 1e-3);
          const p = ci.pValue(mu0);
          for (const level of [1e-9, 1e-6, 1e-3, 0.01, 0.2]) {
            // Away from the boundary (bisection resolves ln p to 1e-12).
            if (Math.abs(Math.log(p / level)) > 1e-9) {
              expect(ci.excludes(mu0, level)).toBe(p < level);
            }
          }
          expect(ci.excludes(mu0, 1e-3)).toBe(Math.abs(ci.mean - mu0) > ci.halfWidth);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it("costs < 20% of width against the z interval at the claims' levels (n ≥ 200)", () => {
    // The documented price of validity: at α = 1e-8 the half-width is ≈ 6.4–6.7 standard errors
    // against z = 5.73; ≥ 1.2× would mean the mixing precision ρ or the far region is mis-set.
    for (const n of [200, 3200]) {
      // Values ±1: the sample variance equals the bound, as it does on average.
      const x = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
      const ci = varianceBoundInterval(x, 1, 1e-8);
      const ratio = ci.halfWidth / (normalQuantile(1 - 0.5e-8) * ci.standardError);
      console.log(`n=${n}: half-width ${ratio.toFixed(3)}× the z interval's at α = 1e-8`);
      expect(ratio).toBeGreaterThan(1); // a Chernoff bound cannot beat the normal tail
      expect(ratio).toBeLessThan(1.2);
    }
  });

  it("rules with a variance bound use it and name it; bad bounds are named", () => {
    const x = fillChiSquare(derive("test/varianceBoundInterval/rule", 1), new Float64Array(200), 1);
    const e = meanEqualsRule(x, 1, { alpha: 1e-8, variance: 2, precision: 10 });
    expect(e.test).toMatch(/variance-bound/);
    expect(e.interval[1] - e.interval[0]).toBeCloseTo(
      2 * varianceBoundInterval(x, 2, 1e-8).halfWidth,
      12,
    );
    expect(() => varianceBoundInterval(x, -1, 0.01)).toThrow(
      /varianceBoundInterval.*varianceBound/,
    );
    expect(() => varianceBoundInterval(x, 2, 0.7)).toThrow(/varianceBoundInterval.*alpha/);
  });
});
