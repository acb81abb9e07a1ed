import { describe, expect, it } from "vitest";
import { poissonReplaceSquaredError } from "../../src/theory/index.ts";
import { EPS, expectWithin, group } from "./continuousFixture.ts";

interface Case {
  rate: number;
  n: number;
  t: number;
  expected: number;
}

describe("poissonReplaceSquaredError vs mpmath (closed form checked by brute force over the chain)", () => {
  // One product and one quotient: 2ε relative.
  it.each(group<Case>("poisson").replace)("λ0 = $rate, n = $n, t = $t", (c) => {
    expectWithin(
      "poissonReplaceSquaredError",
      c,
      poissonReplaceSquaredError(c.rate, c.n, c.t),
      c.expected,
      2 * EPS * c.expected,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => poissonReplaceSquaredError(0, 10, 1)).toThrow(/poissonReplaceSquaredError: rate/);
    expect(() => poissonReplaceSquaredError(1, 0, 1)).toThrow(/poissonReplaceSquaredError: n/);
    expect(() => poissonReplaceSquaredError(1, 10, 0.5)).toThrow(/poissonReplaceSquaredError: t/);
  });
});
