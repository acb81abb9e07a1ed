import { describe, expect, it } from "vitest";
import { accumulateGaussianMeanError } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  n: number;
  t: number;
  mean: number;
}

describe("accumulateGaussianMeanError vs the exact moment expansion (mpmath)", () => {
  // t terms, each a product of ≤ t factors and a quotient, all positive: ≤ (4t + 4)ε relative.
  it.each(section<Case>("accumulateGaussianMeanError"))("n = $n, t = $t", (c) => {
    const tol = (4 * c.t + 4) * EPS * c.mean;
    expectWithin(
      "accumulateGaussianMeanError",
      c,
      accumulateGaussianMeanError(c.n, c.t),
      c.mean,
      tol,
    );
  });

  it("stays below the π²/(6n) bound", () => {
    for (const n of [2, 5, 10, 20]) {
      expect(accumulateGaussianMeanError(n, 10_000)).toBeLessThan(Math.PI ** 2 / (6 * n));
    }
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => accumulateGaussianMeanError(1, 3)).toThrow(
      /accumulateGaussianMeanError: n must be/,
    );
    expect(() => accumulateGaussianMeanError(5, -1)).toThrow(
      /accumulateGaussianMeanError: t must be/,
    );
    expect(() => accumulateGaussianMeanError(5, 1.5)).toThrow(/t must be an integer/);
  });
});
