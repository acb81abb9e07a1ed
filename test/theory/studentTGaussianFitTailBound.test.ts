import { describe, expect, it } from "vitest";
import { studentTGaussianFitTailBound } from "../../src/theory/index.ts";
import { EPS, expectWithin, section, studentTUpperError } from "./continuousFixture.ts";

interface Case {
  nu: number;
  q: number;
  M: number;
  expected: number;
  kappaU: number;
  elasticity: number;
}

describe("studentTGaussianFitTailBound vs mpmath (same θ grid)", () => {
  // β moves by its elasticity in U (fixture) times U's relative error; the rest (z within 4ε,
  // about 30 roundings per θ, each term positive) adds ≤ 64ε·β.
  it.each(section<Case>("studentTGaussianFitTailBound"))("ν = $nu, q = $q, M = $M", (c) => {
    const tol = (studentTUpperError(c) * Math.abs(c.elasticity) + 64 * EPS) * c.expected;
    const actual = studentTGaussianFitTailBound(c.nu, c.q, c.M);
    expectWithin("studentTGaussianFitTailBound", c, actual, c.expected, tol);
  });

  it("decreases in M", () => {
    expect(studentTGaussianFitTailBound(7, 0.003, 4000)).toBeLessThan(
      studentTGaussianFitTailBound(7, 0.003, 1000),
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => studentTGaussianFitTailBound(4, 0.001, 100)).toThrow(
      /studentTGaussianFitTailBound: nu must be finite and > 4/,
    );
    expect(() => studentTGaussianFitTailBound(5, 0, 100)).toThrow(
      /studentTGaussianFitTailBound: q/,
    );
    expect(() => studentTGaussianFitTailBound(5, 0.3, 100)).toThrow(
      /q must put the truth's quantile beyond/,
    );
    expect(() => studentTGaussianFitTailBound(5, 0.001, 3)).toThrow(
      /studentTGaussianFitTailBound: M/,
    );
  });
});
