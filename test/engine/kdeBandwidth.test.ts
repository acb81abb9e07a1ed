/**
 * KDE bandwidth rules against scipy and the stated scikit-learn/R formulas
 * (test/fixtures/make_kde_fixtures.py), and refitted on the current training set each generation.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { ChainStepper } from "../../src/chain/chainStepper.ts";
import { familyFromSpec } from "../../src/chain/specs.ts";
import { KDE_BANDWIDTH_RULES, ruleBandwidth } from "../../src/families/kde.ts";
import type { MixtureModel } from "../../src/model/models.ts";
import { derive } from "../../src/rng/index.ts";
import fixtures from "../fixtures/kde-bandwidth.json" with { type: "json" };

describe("KDE bandwidth rules", () => {
  it("match scipy's gaussian_kde and the scikit-learn / R formulas within the rounding bound", () => {
    for (const c of fixtures.cases) {
      const x = Float64Array.from(c.values);
      for (const rule of KDE_BANDWIDTH_RULES) {
        const expected = c[rule];
        const actual = ruleBandwidth(rule, x);
        // Worst case: σ̂² sums n squares (relative error ≤ n·ε by the standard summation bound,
        // halved by the square root), both sides; a power, a product and a quantile add a few ε.
        const tol = (x.length + 8) * Number.EPSILON * expected;
        expect(
          Math.abs(actual - expected),
          `${rule}, n ${x.length}: expected ${expected}, actual ${actual}, tolerance ${tol}`,
        ).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("a rule is recomputed from each generation's training set", () => {
    const config = configFromSpec({
      truth: "gaussian:sd=3",
      family: "kde:bandwidth=scott",
      regime: "replace",
      samples: 40,
      generations: 3,
      chains: 1,
      seed: 5,
      metrics: [],
    });
    const chain = new ChainStepper(config, derive(5, "kde-bandwidth"));
    for (let t = 1; t <= 3; t++) {
      const m = chain.step() as MixtureModel;
      const data = chain.data as { values: Float64Array };
      const h = ruleBandwidth("scott", data.values);
      expect(m.variances[0], `generation ${t}`).toBe(h * h);
    }
  });

  it("names a bad bandwidth (hex and unknown rules included)", () => {
    for (const bad of ["0x1", "0", "-1", "nope", ""]) {
      expect(() => familyFromSpec(`kde:bandwidth=${bad}`), bad).toThrow(/kde.*bandwidth/);
    }
  });
});
