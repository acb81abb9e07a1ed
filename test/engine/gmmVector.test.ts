/**
 * `gmm` on vector data: EM with full covariances and scikit-learn's conventions.
 * - Exact small cases: from the same starting labels, the fit equals a numpy transcription of
 *   scikit-learn's GaussianMixture EM loop (test/fixtures/make_two_d_fixtures.py). Tolerance:
 *   each parameter is a ratio of sums of n terms (relative error ≤ n·ε each, the standard
 *   summation bound) and EM's map contracts earlier iterations' errors near a strict local
 *   maximum (Dempster, Laird & Rubin 1977), so (n + 8)·ε times the parameters' scale.
 * - Known parameters recovered from 2·10⁴ samples of a well-separated 2-D mixture: z-tests with
 *   the separate-fit standard errors (components 12σ apart), Z for 10⁻⁶ per check, 11 checks.
 * - Restarts keep the most likely of the single starts drawn in turn from one stream; a fixed
 *   seed reruns bit-identically; the 1-D `gmm` through the spec is the 1-D builder draw for draw.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { gmm } from "../../src/families/gmm.ts";
import { emFrom, gmmVector } from "../../src/families/gmmVector.ts";
import type { VectorData } from "../../src/model/data.ts";
import type { MvMixtureModel } from "../../src/model/models.ts";
import { mvMixtureLogDensity } from "../../src/model/mvMixture.ts";
import { derive } from "../../src/rng/index.ts";
import { gmmTruth } from "../../src/truths/continuous.ts";
import fixture from "../fixtures/two-d.json" with { type: "json" };
import { Z } from "../sample/stats.ts";

const EPS = Number.EPSILON;

function meanLogLik(m: MvMixtureModel, data: VectorData): number {
  const lf = mvMixtureLogDensity(m, data);
  return lf.reduce((a, b) => a + b, 0) / lf.length;
}

describe("gmm on vector data: EM with full covariances", () => {
  it("equals scikit-learn's EM loop (numpy transcription) from the same starting labels", () => {
    for (const e of fixture.em) {
      const n = e.labels.length;
      const k = e.k;
      const resp = new Float64Array(n * k);
      e.labels.forEach((label, i) => {
        resp[i * k + label] = 1;
      });
      const m = emFrom(Float64Array.from(e.data), 2, k, resp, {
        maxIterations: e.maxIterations,
        tolerance: e.tolerance,
        regularization: 1e-6,
      });
      for (const [name, actual, expected] of [
        ["weights", m.weights, e.weights],
        ["means", m.means, e.means],
        ["covariances", m.covariances, e.covariances],
      ] as const) {
        const scale = Math.max(1, ...expected.map(Math.abs));
        const tol = (n + 8) * EPS * scale;
        for (let i = 0; i < expected.length; i++) {
          expect(
            Math.abs(actual[i] - expected[i]),
            `k ${k}, tol ${e.tolerance} (${e.iterations} iterations), ${name}[${i}]: expected ${expected[i]}, actual ${actual[i]}, tolerance ${tol}`,
          ).toBeLessThanOrEqual(tol);
        }
      }
    }
  });

  it("recovers a well-separated two-component 2-D mixture from 2·10⁴ samples (seeded; 10⁻⁶ per check)", () => {
    const n = 20_000;
    const truth = truthFromSpec(
      "gmm:dim=2,weights=0.7/0.3,means=-6/0/6/2,covs=1/0.5/0.5/2/0.5/0/0/0.25",
    );
    const data = truth.sampleReal(derive("test/engine", "gmm-vector-recover"), n) as VectorData;
    const m = gmmVector({ components: 2 }).fit(data, derive("test/engine", "gmm-vector-init"));
    const [a, b] = m.means[0] < m.means[2] ? [0, 1] : [1, 0];
    const where = 'derive("test/engine", "gmm-vector-recover" / "gmm-vector-init")';
    const check = (label: string, actual: number, expected: number, sd: number) => {
      const tol = Z * sd;
      expect(
        Math.abs(actual - expected),
        `${label}: expected ${expected}, actual ${actual}, tolerance ${tol} (${where})`,
      ).toBeLessThanOrEqual(tol);
    };
    // Separated by 12 sds: the MLE's errors are those of separate fits to N_j ≈ w_j·n points
    // (mean: Σ_rr/N_j; covariance entry (r, s): (Σ_rr Σ_ss + Σ_rs²)/N_j), plus reg_covar on the
    // diagonal (1e-6, negligible against these standard errors).
    check("w_a", m.weights[a], 0.7, Math.sqrt((0.7 * 0.3) / n));
    const comps = [
      { j: a, w: 0.7, mu: [-6, 0], cov: [1, 0.5, 0.5, 2] },
      { j: b, w: 0.3, mu: [6, 2], cov: [0.5, 0, 0, 0.25] },
    ];
    for (const { j, w, mu, cov } of comps) {
      const N = w * n;
      for (let r = 0; r < 2; r++) {
        check(`μ_${j}[${r}]`, m.means[j * 2 + r], mu[r], Math.sqrt(cov[r * 3] / N));
      }
      for (const [r, s] of [
        [0, 0],
        [1, 0],
        [1, 1],
      ]) {
        const v = (cov[r * 3] * cov[s * 3] + cov[r * 2 + s] ** 2) / N;
        check(`Σ_${j}[${r},${s}]`, m.covariances[j * 4 + r * 2 + s], cov[r * 2 + s], Math.sqrt(v));
      }
    }
    // Exactly symmetric covariances.
    for (let j = 0; j < 2; j++) expect(m.covariances[j * 4 + 1]).toBe(m.covariances[j * 4 + 2]);
  });

  it("restarts = 4 returns the most likely of four single starts drawn in turn from the same stream", () => {
    const data = truthFromSpec("blobs:k=4,box=5,seed=2").sampleReal(
      derive("test/engine", "gmm-vector-restarts-data"),
      200,
    ) as VectorData;
    for (const seed of [1, 2]) {
      const single = gmmVector({ components: 4, tolerance: 1e-6 });
      const stream = derive(seed, "gmm-vector-restarts");
      const fits = Array.from({ length: 4 }, () => single.fit(data, stream));
      const best = fits.reduce((x, y) => (meanLogLik(y, data) > meanLogLik(x, data) ? y : x));
      const restarted = gmmVector({ components: 4, tolerance: 1e-6, restarts: 4 }).fit(
        data,
        derive(seed, "gmm-vector-restarts"),
      );
      expect(restarted, `seed ${seed}`).toEqual(best);
    }
  });

  it("the spec picks the fit by the truth's data kind; the 1-D gmm is unchanged draw for draw", () => {
    const vector = configFromSpec({
      truth: "blobs:centers=0/0,std=1",
      family: "gmm:components=2,tolerance=1e-5,iterations=2000",
      regime: "replace",
      samples: 200,
      generations: 3,
      chains: 2,
      seed: 7,
      metrics: ["l2-gen1", "l2", "variance", "nll"],
    });
    expect(vector.family.modelKind).toBe("mv-mixture");
    expect(vector.family.dataKinds).toEqual(["real", "vector"]);
    const a = runChains(vector);
    const b = runChains(vector);
    for (const id of vector.metrics) {
      expect(Array.from(b.values[id]), id).toEqual(Array.from(a.values[id]));
    }
    // l2-gen1: exactly 0 at generation 1, undefined at 0.
    expect(a.values["l2-gen1"][1]).toBe(0);
    expect(Number.isNaN(a.values["l2-gen1"][0])).toBe(true);
    expect(a.values.l2[0]).toBe(0);

    const real = gmmTruth([0.5, 0.3, 0.2], [-4, 0, 5], [1, 0.7, 0.5]).sampleReal(
      derive("test/engine", "gmm-1d-unchanged"),
      300,
    );
    const viaSpec = familyFromSpec("gmm:components=3,restarts=2", "real");
    expect(viaSpec.modelKind).toBe("mixture");
    expect(viaSpec.fit(real, derive(3, "gmm-1d"))).toEqual(
      gmm({ components: 3, restarts: 2 }).fit(real as never, derive(3, "gmm-1d")),
    );
  });

  it("names bad parameters and too few points", () => {
    expect(() => gmmVector({ components: 0 })).toThrow(
      /gmm: components must be an integer in \[1, 1000\]/,
    );
    const two: VectorData = { kind: "vector", dim: 2, values: Float64Array.of(0, 0, 1, 1) };
    expect(() => gmmVector({ components: 3 }).fit(two, derive(1, "x"))).toThrow(
      /gmm: data\.size must be >= components \(3\), got 2/,
    );
  });
});
