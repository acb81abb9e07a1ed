import { describe, expect, it } from "vitest";
import { mvGaussianDetThreshold } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  d: number;
  M: number;
  T: number;
  p: number;
  expected: number;
  scale: number;
}

describe("mvGaussianDetThreshold vs mpmath (root of the first-order condition)", () => {
  // g(λ) = (T ln m(λ) − ln(1 − p))/λ is evaluated to η = 8ε·scale (scale: the magnitudes of its
  // terms over λ at the optimum, from the fixture); golden-section search stops within O(η) of
  // the minimum value: allow 4η.
  it.each(section<Case>("mvGaussianDetThreshold"))("d = $d, M = $M, T = $T, p = $p", (c) => {
    const actual = mvGaussianDetThreshold(c.d, c.M, c.T, c.p);
    expectWithin("mvGaussianDetThreshold", c, actual, c.expected, 4 * 8 * EPS * c.scale);
  });

  it("falls with the horizon (the determinant keeps shrinking)", () => {
    expect(mvGaussianDetThreshold(3, 32, 20, 0.5)).toBeLessThan(
      mvGaussianDetThreshold(3, 32, 10, 0.5),
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => mvGaussianDetThreshold(0, 10, 1, 0.5)).toThrow(/mvGaussianDetThreshold: d/);
    expect(() => mvGaussianDetThreshold(10, 10, 1, 0.5)).toThrow(
      /mvGaussianDetThreshold: M must be an integer >= 11/,
    );
    expect(() => mvGaussianDetThreshold(3, 10, 0, 0.5)).toThrow(/: T must be/);
    expect(() => mvGaussianDetThreshold(3, 10, 1, 1)).toThrow(/: p must be in \(0, 1\), got 1/);
  });
});
