import { describe, expect, it } from "vitest";
import { lgamma } from "../../src/numeric/index.ts";
import { categoricalEntropy, expectedResampledEntropy } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("expectedResampledEntropy vs enumeration of the multinomial (fixture theory-discrete.json)", () => {
  it("within the derived relative error", () => {
    // The references enumerate every count vector at 40 digits (small cases) or sum the binomial
    // marginals at 40 digits. Each term is exp of a log-pmf whose error is dominated by three
    // lnΓ values (≤ 6 ε relative each, |lnΓ| ≤ ln M!) and by c ln q + (M − c) ln(1 − q)
    // (≤ 2 ε·M·(|ln q| + |ln(1 − q)|)); the terms are non-negative, and the sum adds ≤ K·M ε.
    const chk = new AccuracyCheck("expectedResampledEntropy");
    for (const c of fixture.expectedResampledEntropy) {
      const logs = Math.max(
        ...c.p
          .filter((q) => q > 0 && q < 1)
          .map((q) => Math.abs(Math.log(q)) + Math.abs(Math.log1p(-q))),
        0,
      );
      const rel = 18 * lgamma(c.M + 1) + 2 * c.M * logs + c.p.length * c.M + 8;
      chk.check([`K=${c.p.length}`, c.M, c.method], expectedResampledEntropy(c.p, c.M), c.mp, {
        rel,
      });
    }
    expect(chk.failures).toEqual([]);
  });

  it("is ≤ H(p) (Jensen), with equality only at a delta", () => {
    for (const c of fixture.expectedResampledEntropy) {
      const h = categoricalEntropy(c.p);
      expect(expectedResampledEntropy(c.p, c.M), JSON.stringify(c)).toBeLessThanOrEqual(h);
    }
    expect(expectedResampledEntropy([0, 1, 0], 7)).toBe(0);
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "expectedResampledEntropy";
    expectInvalid(() => expectedResampledEntropy([0.5, 0.6], 10), api, "p");
    expectInvalid(() => expectedResampledEntropy([0.5, 0.5], 0), api, "samples");
    expectInvalid(() => expectedResampledEntropy([0.5, 0.5], 2.5), api, "samples");
  });
});
