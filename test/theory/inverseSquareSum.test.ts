import { describe, expect, it } from "vitest";
import { inverseSquareSum } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  t: number;
  expected: number;
}

describe("inverseSquareSum vs mpmath", () => {
  // t positive terms, each within 2ε, summed in order: (t + 2)ε relative.
  it.each(section<Case>("inverseSquareSum"))("t = $t", (c) => {
    expectWithin(
      "inverseSquareSum",
      c,
      inverseSquareSum(c.t),
      c.expected,
      (c.t + 2) * EPS * c.expected,
    );
  });

  it("stays below π²/6", () => expect(inverseSquareSum(100_000)).toBeLessThan(Math.PI ** 2 / 6));

  it("rejects bad input, naming the parameter", () => {
    expect(() => inverseSquareSum(-1)).toThrow(
      /inverseSquareSum: t must be an integer >= 0, got -1/,
    );
  });
});
