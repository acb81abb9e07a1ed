import { describe, expect, it } from "vitest";
import { exponentialLogMeanDriftVariance } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  n: number;
  variance: number;
}

describe("exponentialLogMeanDriftVariance vs mpmath (checked by quadrature of Var[ln G])", () => {
  // trigamma within 6ε relative (test/numeric/gamma-functions.test.ts).
  it.each(section<Case>("exponentialLogMeanDrift"))("n = $n", (c) => {
    expectWithin(
      "exponentialLogMeanDriftVariance",
      c,
      exponentialLogMeanDriftVariance(c.n),
      c.variance,
      6 * EPS * c.variance,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => exponentialLogMeanDriftVariance(-2)).toThrow(/exponentialLogMeanDriftVariance: n/);
  });
});
