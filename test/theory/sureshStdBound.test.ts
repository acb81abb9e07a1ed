import { describe, expect, it } from "vitest";
import { sureshStdBound } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  ratio: number;
  M: number;
  k: number;
  expected: number;
}

describe("sureshStdBound vs mpmath", () => {
  // x = k/(4M − 1) carries 2ε relative, so exp(−x) carries (2x + 1)ε; one more product: (2x + 3)ε.
  it.each(section<Case>("sureshStdBound"))("σ0/ε = $ratio, M = $M, k = $k", (c) => {
    const x = c.k / (4 * c.M - 1);
    expectWithin(
      "sureshStdBound",
      c,
      sureshStdBound(c.ratio, c.M, c.k),
      c.expected,
      (2 * x + 3) * EPS * c.expected,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => sureshStdBound(0, 10, 1)).toThrow(/sureshStdBound: ratio/);
    expect(() => sureshStdBound(2, 1, 1)).toThrow(/sureshStdBound: M/);
    expect(() => sureshStdBound(2, 10, -1)).toThrow(/sureshStdBound: k/);
  });
});
