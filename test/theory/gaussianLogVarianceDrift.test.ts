import { describe, expect, it } from "vitest";
import { gaussianLogVarianceDrift } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  unbiased: number;
  mle: number;
  scale: number;
}

describe("gaussianLogVarianceDrift vs mpmath (checked by quadrature of E[ln χ²])", () => {
  // digamma is within 8ε (test/numeric/gamma-functions.test.ts), each log within ε; the sum
  // cancels, so the allowance is absolute: 8ε·(|ψ| + |ln h| + |ln(2/M)|) (scale, from the fixture).
  it.each(section<Case>("gaussianLogVariance"))("M = $M", (c) => {
    const tol = 8 * EPS * c.scale;
    expectWithin(
      "gaussianLogVarianceDrift(unbiased)",
      c,
      gaussianLogVarianceDrift(c.M, "unbiased"),
      c.unbiased,
      tol,
    );
    expectWithin(
      "gaussianLogVarianceDrift(mle)",
      c,
      gaussianLogVarianceDrift(c.M, "mle"),
      c.mle,
      tol,
    );
  });

  it("the MLE drifts about twice as fast as the unbiased estimator", () => {
    const ratio = gaussianLogVarianceDrift(200, "mle") / gaussianLogVarianceDrift(200, "unbiased");
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => gaussianLogVarianceDrift(1, "mle")).toThrow(/gaussianLogVarianceDrift: M/);
    // @ts-expect-error: a wrong estimator name is refused at run time too
    expect(() => gaussianLogVarianceDrift(10, "ddof1")).toThrow(
      /estimator must be "unbiased" or "mle", got "ddof1"/,
    );
  });
});
