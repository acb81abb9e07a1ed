/**
 * GMM EM options: `restarts` keeps the most likely of independent k-means++ starts, `tolerance`
 * stops EM earlier. Deterministic (fixed streams); exact statements about the procedure:
 * - restarts = r on a stream equals the single-start fit of the same stream state (runs drawn
 *   one after another) whose data log-likelihood, computed independently with the model kind's
 *   log-density, is largest;
 * - EM never lowers the likelihood (Dempster, Laird & Rubin 1977, Theorem 1), so from the same
 *   start a looser tolerance, which stops at an earlier iterate, ends no more likely.
 */
import { describe, expect, it } from "vitest";
import { familyFromSpec } from "../../src/chain/specs.ts";
import { gmm } from "../../src/families/gmm.ts";
import type { MixtureModel } from "../../src/model/models.ts";
import { univariateLogPdf } from "../../src/model/univariate.ts";
import { derive } from "../../src/rng/index.ts";
import { gmmTruth } from "../../src/truths/continuous.ts";

const truth = gmmTruth([0.5, 0.3, 0.2], [-4, 0, 5], [1, 0.7, 0.5]);
const data = truth.sampleReal(derive(3, "gmm-restarts-data"), 300) as {
  kind: "real";
  values: Float64Array;
};
const meanLogLik = (m: MixtureModel) =>
  data.values.reduce((s, x) => s + univariateLogPdf(m, x), 0) / data.values.length;

describe("gmm restarts and tolerance", () => {
  it("restarts = 5 returns the most likely of five single starts drawn in turn from the same stream", () => {
    for (const seed of [1, 2, 3, 4]) {
      const single = gmm({ components: 3 });
      const stream = derive(seed, "gmm-restarts");
      const fits = Array.from({ length: 5 }, () => single.fit(data, stream));
      const best = fits.reduce((a, b) => (meanLogLik(b) > meanLogLik(a) ? b : a));
      const restarted = gmm({ components: 3, restarts: 5 }).fit(data, derive(seed, "gmm-restarts"));
      expect(restarted, `seed ${seed}`).toEqual(best);
      for (const f of fits) expect(meanLogLik(restarted)).toBeGreaterThanOrEqual(meanLogLik(f));
    }
  });

  it("restarts = 1 is the default procedure, draw for draw", () => {
    const a = gmm({ components: 3 }).fit(data, derive(9, "gmm-default"));
    const b = gmm({ components: 3, restarts: 1 }).fit(data, derive(9, "gmm-default"));
    expect(b).toEqual(a);
  });

  it("a looser tolerance stops EM no later, so no more likely (EM is monotone)", () => {
    for (const seed of [1, 2, 3]) {
      const loose = gmm({ components: 3, tolerance: 1e-2 }).fit(data, derive(seed, "gmm-tol"));
      const tight = gmm({ components: 3, tolerance: 1e-10 }).fit(data, derive(seed, "gmm-tol"));
      // Rounding in the sums: a few ulps of the mean log-likelihood (|ℓ| ≈ 2).
      expect(meanLogLik(loose)).toBeLessThanOrEqual(meanLogLik(tight) + 1e-13);
    }
  });

  it("spec parameters: tolerance and restarts, validated by name", () => {
    expect(familyFromSpec("gmm:tolerance=1e-5,restarts=3").params).toMatchObject({
      tolerance: 1e-5,
      restarts: 3,
    });
    expect(() => familyFromSpec("gmm:restarts=0")).toThrow(/gmm.*restarts/);
    expect(() => familyFromSpec("gmm:tolerance=0")).toThrow(/gmm.*tolerance/);
  });
});
