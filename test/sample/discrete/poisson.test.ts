/**
 * Poisson sampler (numpy's multiplication method for λ < 10, Hörmann's PTRS for λ ≥ 10).
 * Seeds: derive("test/sample/discrete/poisson", <label>), labels in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6: 7 chi-square tests against the exact pmf, 5 means and
 * 5 variances — 17 checks, file false-alarm probability ≤ 1.7e-5. The deterministic checks
 * (log-pmf accuracy, laws, exact cases, validation) cannot false-alarm.
 */
import { describe, expect, it } from "vitest";
import { lgamma, poissonCdf, poissonPmf, poissonSf } from "../../../src/numeric/index.ts";
import { derive } from "../../../src/rng/derive.ts";
import {
  fillPoisson,
  POISSON_MAX_LAMBDA,
  poisson,
  poissonLogPmf,
} from "../../../src/sample/poisson.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import {
  expectBinnedChiSquare,
  expectIntegerChiSquare,
  expectMean,
  expectVariance,
  normalGridEdges,
  seeded,
} from "../stats.ts";

const N = 200_000;

describe("poisson: chi-square against the exact pmf (α = 1e-6 each)", () => {
  const settings: [lambda: number, why: string][] = [
    [0.5, "multiplication method"],
    [3, "multiplication method"],
    [9.9, "multiplication method, just below the switch"],
    [10, "PTRS at the switch"],
    [1e3, "PTRS"],
    [1e6, "PTRS, large λ"],
    [POISSON_MAX_LAMBDA, "PTRS at the limit 2^30, binned"],
  ];
  for (const [lambda, why] of settings) {
    const label = `chi2-lambda${lambda}`;
    it(`Poisson(${lambda}) — ${why} [seed ${label}]`, () => {
      const x = fillPoisson(seeded("discrete/poisson", label), new Int32Array(N), lambda);
      for (const v of x) if (!(v >= 0)) expect(v, `${label}: negative draw`).toBe(0);
      const sigma = Math.sqrt(lambda);
      if (sigma > 2000) {
        expectBinnedChiSquare(
          x,
          (k) => poissonCdf(k, lambda),
          (k) => poissonSf(k, lambda),
          normalGridEdges(lambda, sigma),
          label,
        );
        return;
      }
      const lo = Math.max(0, Math.floor(lambda - 8 * sigma - 2));
      const hi = Math.ceil(lambda + 8 * sigma + 10);
      expectIntegerChiSquare(
        x,
        (k) => poissonPmf(k, lambda),
        lo,
        hi,
        poissonCdf(lo - 1, lambda),
        poissonSf(hi, lambda),
        label,
      );
    });
  }
});

describe("poisson: mean and variance (α = 1e-6 each)", () => {
  for (const lambda of [0.05, 7, 10.5, 250, 5e7]) {
    const label = `moments-lambda${lambda}`;
    it(`Poisson(${lambda}) [seed ${label}]`, () => {
      const x = fillPoisson(seeded("discrete/poisson", label), new Int32Array(N), lambda);
      expectMean(x, lambda, lambda, label);
      // Fourth central moment of the Poisson: λ + 3λ².
      expectVariance(x, lambda, lambda + 3 * lambda * lambda, label);
    });
  }
});

describe("poisson: PTRS acceptance uses an accurate log pmf", () => {
  it("matches k·log λ − λ − lgamma(k + 1) to 1e-12 relative (where that form is itself accurate)", () => {
    for (const lambda of [10, 37.5, 1000, 123456.7]) {
      const ll = Math.log(lambda);
      for (const k of [0, 1, 5, 15, 16, 17, 40, Math.floor(lambda), Math.floor(2 * lambda)]) {
        const ref = k * ll - lambda - lgamma(k + 1);
        const got = poissonLogPmf(k, lambda, ll);
        const scale = Math.abs(k * ll) + lambda + Math.abs(lgamma(k + 1));
        expect(Math.abs(got - ref), `λ = ${lambda}, k = ${k}`).toBeLessThanOrEqual(1e-14 * scale);
      }
    }
  });
  it("agrees with log(poissonPmf) where the direct form would cancel (λ = 1e9)", () => {
    const lambda = 1e9;
    for (const k of [999_900_000, 999_990_000, 1_000_000_000, 1_000_031_623]) {
      const got = poissonLogPmf(k, lambda, Math.log(lambda));
      const ref = Math.log(poissonPmf(k, lambda));
      expect(Math.abs(got - ref), `k = ${k}`).toBeLessThanOrEqual(1e-12 * Math.abs(ref));
    }
  });
});

describe("poisson: exact cases", () => {
  it("λ = 0 is 0 and consumes no randomness", () => {
    const s = derive("test/sample/discrete/poisson", "zero");
    const before = s.state();
    expect(poisson(s, 0)).toBe(0);
    expect(fillPoisson(s, new Int32Array(4), 0)).toStrictEqual(new Int32Array(4));
    expect(s.state()).toStrictEqual(before);
  });
});

describe("poisson: laws", () => {
  for (const lambda of [0.5, 9.99, 10, 1e4]) {
    it(`same seed ⇒ same draws; fill = repeated single draws (λ = ${lambda})`, () => {
      assertSameOutputGivenSameSeed((s) => [poisson(s, lambda), poisson(s, lambda)], {
        key: `poisson-${lambda}`,
      });
      assertFillMatchesSingle(
        (s, out: Int32Array) => fillPoisson(s, out, lambda),
        (s) => poisson(s, lambda),
        (len) => new Int32Array(len),
        { key: `fillPoisson-${lambda}` },
      );
    });
  }
});

describe("poisson: validation", () => {
  const s = derive("test/sample/discrete/poisson", "validation");
  it("rejects bad λ", () => {
    for (const lambda of [
      -1,
      -Number.MIN_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      POISSON_MAX_LAMBDA * 2,
    ]) {
      expectInvalidParameter(() => poisson(s, lambda), "poisson", "lambda", lambda);
      expectInvalidParameter(
        () => fillPoisson(s, new Int32Array(1), lambda),
        "fillPoisson",
        "lambda",
        lambda,
      );
    }
  });
  it("rejects a non-Int32Array output", () => {
    const bad = [0, 0] as unknown as Int32Array;
    expectInvalidParameter(() => fillPoisson(s, bad, 1), "fillPoisson", "out", bad);
  });
});
