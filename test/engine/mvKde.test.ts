/**
 * The d-dimensional Gaussian KDE (`kde` on vector data → `mv-kde` models): kernel covariances and
 * log-densities against scipy's gaussian_kde and scikit-learn's KernelDensity formulas
 * (test/fixtures/make_two_d_fixtures.py), sampler moments against the exact mixture moments
 * (test/engine/vectorMoments.ts: 10⁻⁶ per check, 6 checks), rules recomputed on every training
 * set, bit-identical reruns, and named errors.
 *
 * Tolerances. Kernel covariance: Σ̂ sums n products per entry (two-pass, relative error ≤ n·ε of
 * the entries' scale by the standard summation bound) and a power of n adds a few ε:
 * (n + 8)·ε·max|H|. Log-density: as for the mixture (test/engine/mvMixture.test.ts), the
 * whitened squared distances q_i carry a relative error of a few d·ε·κ(H) (backward-stable
 * forward substitution), so |Δ ln f| ≤ 64·d·ε·κ(H)·(1 + |ln f| + q_max), q_max bounded by the
 * points' whitened spread (computed).
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { ChainStepper } from "../../src/chain/chainStepper.ts";
import { checkChainConfig, runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { kernelCovariance } from "../../src/families/kdeVector.ts";
import type { VectorData } from "../../src/model/data.ts";
import type { MvKdeModel } from "../../src/model/models.ts";
import {
  mvKdeComponents,
  mvKdeLogDensity,
  mvKdeModel,
  mvKdeVariance,
  sampleMvKde,
} from "../../src/model/mvKde.ts";
import { symmetricEigenvalues } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import fixture from "../fixtures/two-d.json" with { type: "json" };
import { expectVectorMoments, mixtureMoments } from "./vectorMoments.ts";

const EPS = Number.EPSILON;
type Rule = "scott" | "scipy-silverman" | "sklearn-scott" | "sklearn-silverman";

describe("kde on vector data: the d-dimensional Gaussian KDE", () => {
  it("kernel covariances equal scipy's gaussian_kde (scott, scipy-silverman) and scikit-learn's formulas", () => {
    for (const c of fixture.kdes) {
      const data: VectorData = { kind: "vector", dim: c.dim, values: Float64Array.from(c.centres) };
      const n = c.centres.length / c.dim;
      for (const [rule, ref] of Object.entries(c.rules)) {
        const bandwidth = rule === "0.3" ? 0.3 : (rule as Rule);
        const H = kernelCovariance(bandwidth, data);
        const scale = Math.max(...ref.kernelCovariance.map(Math.abs));
        const tol = (n + 8) * EPS * scale;
        for (let i = 0; i < H.length; i++) {
          expect(
            Math.abs(H[i] - ref.kernelCovariance[i]),
            `dim ${c.dim}, ${rule}, H[${i}]: expected ${ref.kernelCovariance[i]}, actual ${H[i]}, tolerance ${tol}`,
          ).toBeLessThanOrEqual(tol);
        }
      }
    }
  });

  it("log-densities equal scipy's gaussian_kde.logpdf and the direct mixture sum within the rounding bound", () => {
    for (const c of fixture.kdes) {
      const d = c.dim;
      const points: VectorData = { kind: "vector", dim: d, values: Float64Array.from(c.points) };
      for (const [rule, ref] of Object.entries(c.rules)) {
        const m = mvKdeModel(d, c.centres, ref.kernelCovariance);
        const lambda = symmetricEigenvalues(m.kernelCovariance, d);
        const kappa = lambda[d - 1] / lambda[0];
        const lf = mvKdeLogDensity(m, points);
        for (let p = 0; p < lf.length; p++) {
          // Largest whitened squared distance from the point to a centre: ≤ ‖x − c‖²/λ_min.
          let qmax = 0;
          for (let i = 0; i < c.centres.length / d; i++) {
            let s = 0;
            for (let r = 0; r < d; r++) s += (c.points[p * d + r] - c.centres[i * d + r]) ** 2;
            qmax = Math.max(qmax, s / lambda[0]);
          }
          const expected = ref.logDensity[p];
          const tol = 64 * d * EPS * kappa * (1 + Math.abs(expected) + qmax);
          expect(
            Math.abs(lf[p] - expected),
            `dim ${d}, ${rule}, point ${p}: expected ${expected}, actual ${lf[p]}, tolerance ${tol}`,
          ).toBeLessThanOrEqual(tol);
        }
      }
    }
  });

  it("samples have the exact moments of (1/n) Σ N(x_i, H) (seeded; 10⁻⁶ per check)", () => {
    const c = fixture.kdes[0];
    const cases: [string, MvKdeModel][] = [
      ["scott kernel (full H)", mvKdeModel(c.dim, c.centres, c.rules.scott.kernelCovariance)],
      ["isotropic h = 0.3", mvKdeModel(c.dim, c.centres, c.rules["0.3"].kernelCovariance)],
    ];
    const n = 200_000;
    for (const [label, m] of cases) {
      const seed = `mv-kde-moments/${label}`;
      const x = sampleMvKde(m, derive("test/engine", seed), n);
      const exact = mixtureMoments(mvKdeComponents(m));
      expect(Math.abs(mvKdeVariance(m) - exact.variance)).toBeLessThanOrEqual(
        (c.centres.length + 16) * EPS * exact.variance,
      );
      expectVectorMoments(x.values, m.dim, exact, `${label} (derive("test/engine", "${seed}"))`);
    }
  });

  it("a rule is recomputed from each generation's training set; a fixed seed reruns bit-identically", () => {
    for (const bandwidth of ["scott", "sklearn-silverman"] as const) {
      const spec = {
        truth: "moons:noise=0.1",
        family: `kde:bandwidth=${bandwidth}`,
        regime: "replace",
        samples: 40,
        generations: 3,
        chains: 1,
        seed: 5,
        metrics: [],
      };
      const config = configFromSpec(spec);
      expect(config.family.modelKind).toBe("mv-kde");
      const chain = new ChainStepper(config, derive(5, "kde-vector-bandwidth"));
      for (let t = 1; t <= 3; t++) {
        const m = chain.step() as MvKdeModel;
        const data = chain.data as VectorData;
        expect(Array.from(m.kernelCovariance), `${bandwidth}, generation ${t}`).toEqual(
          Array.from(kernelCovariance(bandwidth, data)),
        );
        expect(Array.from(m.centres)).toEqual(Array.from(data.values));
      }
    }
    const spec = {
      truth: "circles:noise=0.05",
      family: "kde:bandwidth=0.2",
      regime: "accumulate",
      samples: 30,
      generations: 4,
      chains: 3,
      seed: 11,
      metrics: ["nll", "variance", "mean-error"],
      mcSamples: 100,
    };
    const a = runChains(configFromSpec(spec));
    const b = runChains(configFromSpec(spec));
    for (const id of spec.metrics)
      expect(Array.from(b.values[id])).toEqual(Array.from(a.values[id]));
  });

  it("names bad bandwidths and shapes: silverman in 2-D, a scipy rule with too few samples, a singular kernel", () => {
    const config = (family: string, samples = 20) =>
      configFromSpec({
        truth: "moons:noise=0.1",
        family,
        regime: "replace",
        samples,
        generations: 1,
        chains: 1,
        seed: 1,
        metrics: [],
      });
    expect(() => checkChainConfig(config("kde:bandwidth=silverman"))).toThrow(
      /kde: bandwidth "silverman" \(R's bw\.nrd0\) is one-dimensional; the truth "moons" is 2-dimensional/,
    );
    expect(() => checkChainConfig(config("kde:bandwidth=scott", 2))).toThrow(
      /kde: samples must be > dim \(2\) for the scott rule/,
    );
    const family = familyFromSpec("kde:bandwidth=scott", "vector");
    const collinear: VectorData = {
      kind: "vector",
      dim: 2,
      values: Float64Array.of(0, 0, 1, 1, 2, 2, 3, 3),
    };
    expect(() => family.fit(collinear, derive(1, "x"))).toThrow(
      /kde: bandwidth must give a positive definite kernel covariance \(the scott rule gives a singular one/,
    );
    expect(() => mvKdeModel(2, [0, 0, 1], [1, 0, 0, 1])).toThrow(
      /mvKdeModel: centres\.length must be a positive multiple of dim \(2\)/,
    );
    expect(() => mvKdeModel(2, [0, 0], [1, 2, 2, 1])).toThrow(
      /mvKdeModel: kernelCovariance must be positive definite/,
    );
    expect(() =>
      mvKdeLogDensity(mvKdeModel(2, [0, 0], [1, 0, 0, 1]), {
        kind: "vector",
        dim: 1,
        values: new Float64Array(1),
      }),
    ).toThrow(/mvKdeLogDensity: data\.dim must equal the model's dim \(2\), got 1/);
    expect(truthFromSpec("moons").dataKind).toBe("vector");
  });
});
