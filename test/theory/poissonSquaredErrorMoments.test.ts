import { describe, expect, it } from "vitest";
import {
  poissonAccumulateSquaredError,
  poissonFreshSquaredError,
  poissonReplaceSquaredError,
  poissonSquaredErrorMoments,
} from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  regime: "replace" | "accumulate" | "fresh";
  rate: number;
  n: number;
  t: number;
  real: number;
  mean: number;
  variance: number;
}

const regimeOf = (c: Case) =>
  c.regime === "fresh" ? { regime: "fresh" as const, real: c.real } : { regime: c.regime };

describe("poissonSquaredErrorMoments vs a brute-force sum over the chain's integer states", () => {
  // The fixture is a float sum over ≤ 10⁵ states truncated 14 sd out: relative error < 1e-11
  // (make_theory_continuous.py); the recursion adds ≈ 20 roundings per generation.
  it.each(section<Case>("poissonSquaredErrorMoments"))(
    "$regime: λ0 = $rate, n = $n, t = $t, r = $real",
    (c) => {
      const m = poissonSquaredErrorMoments(c.rate, c.n, c.t, regimeOf(c));
      const tol = (x: number) => (1e-11 + 20 * (c.t + 1) * EPS) * x;
      expectWithin("poissonSquaredErrorMoments.mean", c, m.mean, c.mean, tol(c.mean));
      expectWithin(
        "poissonSquaredErrorMoments.variance",
        c,
        m.variance,
        c.variance,
        tol(c.variance),
      );
    },
  );

  it("its mean is the closed forms' E[(λ_t − λ_0)²] (to rounding)", () => {
    for (const [rate, n, t, real] of [
      [2.5, 10, 3, 4],
      [4.2, 60, 40, 59],
      [1, 13, 200, 1],
    ]) {
      const close = (a: number, b: number) =>
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-13 * b);
      close(
        poissonSquaredErrorMoments(rate, n, t, { regime: "replace" }).mean,
        poissonReplaceSquaredError(rate, n, t),
      );
      close(
        poissonSquaredErrorMoments(rate, n, t, { regime: "accumulate" }).mean,
        poissonAccumulateSquaredError(rate, n, t),
      );
      close(
        poissonSquaredErrorMoments(rate, n, t, { regime: "fresh", real }).mean,
        poissonFreshSquaredError(rate, n, real, t),
      );
    }
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => poissonSquaredErrorMoments(-1, 10, 1, { regime: "replace" })).toThrow(
      /poissonSquaredErrorMoments: rate/,
    );
    expect(() => poissonSquaredErrorMoments(1, 10, 1, { regime: "fresh", real: 11 })).toThrow(
      /poissonSquaredErrorMoments: real/,
    );
    expect(() =>
      poissonSquaredErrorMoments(1, 10, 1, { regime: "bogus" } as unknown as { regime: "replace" }),
    ).toThrow(/poissonSquaredErrorMoments: regime/);
  });
});
