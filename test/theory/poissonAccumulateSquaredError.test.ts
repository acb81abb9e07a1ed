import { describe, expect, it } from "vitest";
import { poissonAccumulateSquaredError } from "../../src/theory/index.ts";
import { EPS, expectWithin, group } from "./continuousFixture.ts";

interface Case {
  rate: number;
  n: number;
  t: number;
  expected: number;
}

describe("poissonAccumulateSquaredError vs mpmath (closed form checked by brute force over the chain)", () => {
  // The sum Σ1/k² within (t + 2)ε (inverseSquareSum.test.ts) and two more roundings.
  it.each(group<Case>("poisson").accumulate)("λ0 = $rate, n = $n, t = $t", (c) => {
    const tol = (c.t + 4) * EPS * c.expected;
    expectWithin(
      "poissonAccumulateSquaredError",
      c,
      poissonAccumulateSquaredError(c.rate, c.n, c.t),
      c.expected,
      tol,
    );
  });

  it("stays below π²λ0/(6n)", () => {
    expect(poissonAccumulateSquaredError(3, 10, 10_000)).toBeLessThan((Math.PI ** 2 * 3) / 60);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => poissonAccumulateSquaredError(-1, 10, 1)).toThrow(
      /poissonAccumulateSquaredError: rate/,
    );
    expect(() => poissonAccumulateSquaredError(1, 10, -1)).toThrow(
      /poissonAccumulateSquaredError: t/,
    );
  });
});
