/**
 * The d-dimensional Gaussian mixture model kind (`mv-mixture`) and the d-dimensional `gmm` truth:
 * log-densities against scipy (test/fixtures/make_two_d_fixtures.py), sampler moments against the
 * exact moments (test/engine/vectorMoments.ts: 10⁻⁶ per check, 10 checks), bit-identical reruns,
 * and named errors for bad parameters.
 *
 * Log-density tolerance: ln f is a log-sum-exp of terms ln w_j − ½(d ln 2π + ln det Σ_j + q_j)
 * with q_j = ‖L_j⁻¹(x − μ_j)‖². Cholesky and forward substitution are backward stable (Higham,
 * Accuracy and Stability of Numerical Algorithms, Thms 10.3 and 8.5), so each q_j and ln det Σ_j
 * carries a relative error of a few d·ε·κ(Σ_j); the fixture's covariances have κ ≤ 50, so
 * |Δ ln f| ≤ 64·d·ε·κ_max·(1 + |ln f| + max_j q_j) bounds both sides' rounding with room to spare.
 */
import { describe, expect, it } from "vitest";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { modelKind } from "../../src/model/kinds.ts";
import type { MvMixtureModel } from "../../src/model/models.ts";
import {
  mvMixtureLogDensity,
  mvMixtureModel,
  mvMixtureVariance,
  sampleMvMixture,
} from "../../src/model/mvMixture.ts";
import { symmetricEigenvalues } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import fixture from "../fixtures/two-d.json" with { type: "json" };
import { expectVectorMoments, mixtureMoments } from "./vectorMoments.ts";

const EPS = Number.EPSILON;

/** The largest condition number of a mixture's covariances. */
function maxCondition(m: MvMixtureModel): number {
  const d = m.dim;
  let worst = 1;
  for (let j = 0; j < m.weights.length; j++) {
    const lambda = symmetricEigenvalues(m.covariances.subarray(j * d * d, (j + 1) * d * d), d);
    worst = Math.max(worst, lambda[d - 1] / lambda[0]);
  }
  return worst;
}

describe("mv-mixture: the d-dimensional Gaussian mixture", () => {
  it("log-density equals scipy's logsumexp of multivariate_normal.logpdf within the rounding bound", () => {
    for (const c of fixture.mixtures) {
      const m = mvMixtureModel(c.dim, c.weights, c.means, c.covariances);
      const kappa = maxCondition(m);
      expect(kappa).toBeLessThanOrEqual(50);
      const lf = mvMixtureLogDensity(m, {
        kind: "vector",
        dim: c.dim,
        values: Float64Array.from(c.points),
      });
      for (let i = 0; i < lf.length; i++) {
        const expected = c.logDensity[i];
        // q_j ≤ 2(|ln f| + max_j |ln w_j − ½ ln det(2πΣ_j)|): bounded through |ln f| + 100 here.
        const tol =
          64 * c.dim * EPS * kappa * (1 + Math.abs(expected) + 2 * (Math.abs(expected) + 100));
        expect(
          Math.abs(lf[i] - expected),
          `dim ${c.dim}, point ${i}: expected ${expected}, actual ${lf[i]}, tolerance ${tol}`,
        ).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("samples have the exact mean vector, coordinate variances and total variance (seeded; 10⁻⁶ per check)", () => {
    const cases: [string, MvMixtureModel][] = [
      [
        "unequal weights, 2-D",
        mvMixtureModel(2, [0.7, 0.3], [0, 0, 4, -1], [1, 0.5, 0.5, 2, 0.3, -0.1, -0.1, 0.2]),
      ],
      [
        "equal weights, 3-D",
        mvMixtureModel(
          3,
          [0.5, 0.5],
          [1, 2, 3, -1, 0, 0],
          [2, 0.4, 0, 0.4, 1, 0.2, 0, 0.2, 0.5, 1, 0, 0, 0, 1, 0, 0, 0, 1],
        ),
      ],
      [
        "fixture mixture, 2-D, 3 components",
        (() => {
          const c = fixture.mixtures[0];
          return mvMixtureModel(c.dim, c.weights, c.means, c.covariances);
        })(),
      ],
    ];
    const n = 200_000;
    for (const [label, m] of cases) {
      const seed = `mv-mixture-moments/${label}`;
      const x = sampleMvMixture(m, derive("test/engine", seed), n);
      expect(x.values.length).toBe(n * m.dim);
      const exact = mixtureMoments(modelKind("mv-mixture").gaussianMixture?.(m) as never);
      expect(Math.abs(mvMixtureVariance(m) - exact.variance)).toBeLessThanOrEqual(
        16 * EPS * exact.variance,
      );
      expectVectorMoments(x.values, m.dim, exact, `${label} (derive("test/engine", "${seed}"))`);
    }
  });

  it("reruns at a fixed seed are bit-identical", () => {
    const m = mvMixtureModel(2, [0.25, 0.75], [0, 0, 3, 3], [1, 0, 0, 1, 2, 1, 1, 2]);
    const a = sampleMvMixture(m, derive("test/engine", "mv-mixture-rerun"), 500);
    const b = sampleMvMixture(m, derive("test/engine", "mv-mixture-rerun"), 500);
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
  });

  it("names bad parameters: weights not summing to 1, a non-PSD or asymmetric covariance, a dimension mismatch", () => {
    const I = [1, 0, 0, 1];
    expect(() => mvMixtureModel(2, [0.5, 0.6], [0, 0, 1, 1], [...I, ...I])).toThrow(
      /mvMixtureModel: weights must sum to 1/,
    );
    expect(() => mvMixtureModel(2, [0.5, 0.5], [0, 0, 1], [...I, ...I])).toThrow(
      /mvMixtureModel: means\.length must equal components × dim = 2 × 2 = 4/,
    );
    expect(() => mvMixtureModel(2, [1], [0, 0], [1, 2, 2, 1])).toThrow(
      /mvMixtureModel: covariances \(component 0\) must be positive definite/,
    );
    expect(() => mvMixtureModel(2, [1], [0, 0], [1, 0.5, 0.4, 1])).toThrow(
      /mvMixtureModel: covariances\[1\] must equal covariances\[2\] = 0\.4/,
    );
    expect(() => mvMixtureModel(2, [1], [0, 0], [1, 0, 0])).toThrow(
      /covariances\.length must equal components × dim² = 1 × 4 = 4/,
    );
    const m = mvMixtureModel(2, [1], [0, 0], I);
    expect(() =>
      mvMixtureLogDensity(m, { kind: "vector", dim: 3, values: new Float64Array(3) }),
    ).toThrow(/mvMixtureLogDensity: data\.dim must equal the model's dim \(2\), got 3/);
  });

  it("the d-dimensional gmm truth: spec syntax (means row by row, sds or covs) and its named errors", () => {
    const iso = truthFromSpec("gmm:dim=2,weights=0.5/0.5,means=-2/0/2/0,sds=1/0.5");
    expect(iso.model.kind).toBe("mv-mixture");
    expect(iso.dataKind).toBe("vector");
    const m = iso.model as MvMixtureModel;
    expect(Array.from(m.covariances)).toEqual([1, 0, 0, 1, 0.25, 0, 0, 0.25]);
    // Law of total variance: 0.5(2 + 4) + 0.5(0.5 + 4).
    expect(iso.summaries.variance).toBe(5.25);
    const full = truthFromSpec("gmm:dim=2,weights=1,means=0/0,covs=2/0.5/0.5/1");
    expect(Array.from((full.model as MvMixtureModel).covariances)).toEqual([2, 0.5, 0.5, 1]);
    // The 1-D truth is unchanged (a `mixture`).
    expect(truthFromSpec("gmm:weights=0.5/0.5,means=0/1,sds=1/1").model.kind).toBe("mixture");
    expect(() => truthFromSpec("gmm:dim=2,weights=0.5/0.5,means=0/0/1,sds=1/1")).toThrow(
      /gmm: means must hold components × dim = 2 × 2 = 4 numbers/,
    );
    expect(() => truthFromSpec("gmm:dim=2,weights=0.5/0.4,means=0/0/1/1,sds=1/1")).toThrow(
      /weights must sum to 1/,
    );
    expect(() => truthFromSpec("gmm:dim=2,weights=1,means=0/0,covs=1/2/2/1")).toThrow(
      /must be positive definite/,
    );
    expect(() => truthFromSpec("gmm:dim=2,weights=1,means=0/0")).toThrow(
      /gmm: sds must be given, or covs instead — exactly one of them/,
    );
    expect(() => truthFromSpec("gmm:dim=2,weights=1,means=0/0,sds=1,covs=1/0/0/1")).toThrow(
      /exactly one of them/,
    );
    expect(() => truthFromSpec("gmm:dim=2,weights=1,means=0/0,sds=-1")).toThrow(
      /gmm: sds\[0\] must be finite and > 0, got -1/,
    );
  });
});
