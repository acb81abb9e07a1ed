import { describe, expect, it } from "vitest";
import { poissonFreshSquaredError } from "../../src/theory/index.ts";
import { EPS, expectWithin, group } from "./continuousFixture.ts";

interface Case {
  rate: number;
  n: number;
  real: number;
  t: number;
  expected: number;
}

describe("poissonFreshSquaredError vs mpmath (closed form checked by brute force over the chain)", () => {
  // c = (n − r)/n carries ε, c^{2t} then 2tε (+ε), c² 3ε; the differences 1 − c^{2t} and 1 − c²
  // amplify those by c^{2t}/(1 − c^{2t}) and c²/(1 − c²); plus 4ε for the rest.
  it.each(group<Case>("poisson").fresh)("λ0 = $rate, n = $n, r = $real, t = $t", (c) => {
    const cc = (c.n - c.real) / c.n;
    const c2t = cc ** (2 * c.t);
    const tol =
      ((2 * c.t + 1) * (c2t / (1 - c2t)) + 3 * ((cc * cc) / (1 - cc * cc)) + 4) * EPS * c.expected;
    const actual = poissonFreshSquaredError(c.rate, c.n, c.real, c.t);
    expectWithin("poissonFreshSquaredError", c, actual, c.expected, tol);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => poissonFreshSquaredError(1, 10, 0, 1)).toThrow(
      /poissonFreshSquaredError: real must be an integer in \[1, 10\]/,
    );
    expect(() => poissonFreshSquaredError(1, 10, 11, 1)).toThrow(/poissonFreshSquaredError: real/);
    expect(() => poissonFreshSquaredError(Number.NaN, 10, 1, 1)).toThrow(
      /poissonFreshSquaredError: rate/,
    );
  });
});
