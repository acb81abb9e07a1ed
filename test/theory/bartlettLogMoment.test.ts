import { describe, expect, it } from "vitest";
import { bartlettLogMoment } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  d: number;
  M: number;
  D: number;
  lambda: number;
  expected: number;
  scale: number;
}

describe("bartlettLogMoment vs mpmath", () => {
  // lgamma within 6ε relative (test/numeric/gamma-functions.test.ts) and a few roundings per
  // term; the terms cancel, so the allowance is 8ε times the sum of their magnitudes (scale).
  it.each(section<Case>("bartlettLogMoment"))("d = $d, M = $M, D = $D, λ = $lambda", (c) => {
    const actual = bartlettLogMoment(c.d, c.M, c.D, c.lambda);
    expectWithin("bartlettLogMoment", c, actual, c.expected, 8 * EPS * c.scale);
  });

  it("is ln E[S] = ln((M − 1)/D) at λ = 1 in one dimension", () => {
    expectWithin(
      "bartlettLogMoment",
      { M: 10, D: 10 },
      bartlettLogMoment(1, 10, 10, 1),
      Math.log(0.9),
      16 * EPS,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => bartlettLogMoment(0, 10, 10, 1)).toThrow(/bartlettLogMoment: d/);
    expect(() => bartlettLogMoment(3, 3, 3, 1)).toThrow(
      /bartlettLogMoment: M must be an integer >= 4/,
    );
    expect(() => bartlettLogMoment(1, 10, 0, 1)).toThrow(/bartlettLogMoment: D/);
    expect(() => bartlettLogMoment(3, 10, 10, -4)).toThrow(/lambda must be > −\(M − d\)\/2/);
  });
});
