import { describe, expect, it } from "vitest";
import { gaussianLogVarianceDriftVariance } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  variance: number;
}

describe("gaussianLogVarianceDriftVariance vs mpmath ψ′((M−1)/2)", () => {
  // trigamma is within 6ε (test/numeric/gamma-functions.test.ts); the argument (M − 1)/2 is exact.
  it.each(section<Case>("gaussianLogVariance"))("M = $M", (c) => {
    expectWithin(
      "gaussianLogVarianceDriftVariance",
      c,
      gaussianLogVarianceDriftVariance(c.M),
      c.variance,
      6 * EPS * c.variance,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => gaussianLogVarianceDriftVariance(1)).toThrow(
      /gaussianLogVarianceDriftVariance: M/,
    );
  });
});
