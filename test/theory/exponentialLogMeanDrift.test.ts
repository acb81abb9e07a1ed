import { describe, expect, it } from "vitest";
import { exponentialLogMeanDrift } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  n: number;
  drift: number;
  driftScale: number;
}

describe("exponentialLogMeanDrift vs mpmath (checked by quadrature of E[ln G])", () => {
  // digamma within 8ε, ln within ε; ψ(n) − ln n cancels: 8ε·(|ψ(n)| + |ln n|) absolute.
  it.each(section<Case>("exponentialLogMeanDrift"))("n = $n", (c) => {
    expectWithin(
      "exponentialLogMeanDrift",
      c,
      exponentialLogMeanDrift(c.n),
      c.drift,
      8 * EPS * c.driftScale,
    );
  });

  it("is negative (Jensen)", () => expect(exponentialLogMeanDrift(50)).toBeLessThan(0));

  it("rejects bad input, naming the parameter", () => {
    expect(() => exponentialLogMeanDrift(0)).toThrow(
      /exponentialLogMeanDrift: n must be finite and > 0, got 0/,
    );
  });
});
