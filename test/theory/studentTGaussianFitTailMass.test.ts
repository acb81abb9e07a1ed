import { describe, expect, it } from "vitest";
import { studentTGaussianFitTailMass } from "../../src/theory/index.ts";
import { EPS, expectWithin, section, studentTUpperError } from "./continuousFixture.ts";

interface Case {
  nu: number;
  q: number;
  expected: number;
  kappaU: number;
  elasticity: number;
}

describe("studentTGaussianFitTailMass vs mpmath", () => {
  // The mass moves by its elasticity in U (fixture) times U's relative error, plus normalSf's 6ε.
  it.each(section<Case>("studentTGaussianFitTailMass"))("ν = $nu, q = $q", (c) => {
    const tol = (studentTUpperError(c) * Math.abs(c.elasticity) + 6 * EPS) * c.expected;
    expectWithin(
      "studentTGaussianFitTailMass",
      c,
      studentTGaussianFitTailMass(c.nu, c.q),
      c.expected,
      tol,
    );
  });

  it("cuts the extreme tails (h∞ < 2q) but not moderate ones", () => {
    expect(studentTGaussianFitTailMass(5, 0.001)).toBeLessThan(0.002);
    expect(studentTGaussianFitTailMass(5, 0.2)).toBeGreaterThan(0.4);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => studentTGaussianFitTailMass(2, 0.01)).toThrow(
      /studentTGaussianFitTailMass: nu must be finite and > 2/,
    );
    expect(() => studentTGaussianFitTailMass(5, 0.5)).toThrow(
      /studentTGaussianFitTailMass: q must be in \(0, 0.5\)/,
    );
  });
});
