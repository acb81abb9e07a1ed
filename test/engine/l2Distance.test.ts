/**
 * The L2 density distance ∫(f − g)² (`l2`, `l2-gen1`) and the held-out negative log-likelihood
 * on vector data (`nll`).
 *
 * - l2Distance against the closed form evaluated with scipy's multivariate_normal.pdf and checked
 *   there by 2-D quadrature (test/fixtures/make_two_d_fixtures.py). Tolerance: each term
 *   a_i b_j N(μ_i; ν_j, S) carries a relative error of a few d·ε·κ(S)·(1 + q) (Cholesky and forward
 *   substitution backward stable, q = the whitened squared distance, then one exp), and the
 *   three inner products cancel, so the absolute error is ≤ 64·d·ε·κ·(1 + q_max)·(∫f² + ∫g² + 2∫fg).
 * - On a chain's own models: the mv-gaussian closed form ∫(f − g)² = (det 4πA)^(−½) +
 *   (det 4πB)^(−½) − 2N(a; b, A + B), exactly 0 at the reference, undefined for a singular fit.
 * - nll of mv-gaussian models against the exact cross-entropy
 *   E[−ln f(X)] = ½[d ln 2π + ln det Σ + tr(Σ⁻¹Σ₀) + δᵀΣ⁻¹δ], δ = μ − μ₀, with
 *   Var[−ln f(X)] = ¼[2 tr((Σ⁻¹Σ₀)²) + 4 δᵀΣ⁻¹Σ₀Σ⁻¹δ]: the mean of N held-out points within
 *   z·√(Var/N), z for 0.1% per assertion (seed fixed), as test/engine/nll.test.ts.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { l2Distance } from "../../src/metrics/l2Distance.ts";
import type { AnyModel, GaussianComponents } from "../../src/model/kinds.ts";
import type { MvGaussianModel } from "../../src/model/models.ts";
import {
  cholesky,
  lowerTriangularInverse,
  matMul,
  normalQuantile,
  symmetricEigenvalues,
} from "../../src/numeric/index.ts";
import fixture from "../fixtures/two-d.json" with { type: "json" };

const EPS = Number.EPSILON;

const components = (c: {
  dim: number;
  weights: number[];
  means: number[];
  covariances: number[];
}): GaussianComponents => ({
  dim: c.dim,
  weights: Float64Array.from(c.weights),
  means: Float64Array.from(c.means),
  covariances: Float64Array.from(c.covariances),
});

/** ∫f² through l2Distance against an all-zero-weight mixture (its inner products vanish). */
function squaredNorm(f: GaussianComponents): number {
  const d = f.dim;
  const zero: GaussianComponents = {
    dim: d,
    weights: Float64Array.of(0),
    means: new Float64Array(d),
    covariances: Float64Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0)),
  };
  return l2Distance(f, zero);
}

/** The largest κ(S) and whitened squared distance over every pair of components of f and g. */
function pairBounds(f: GaussianComponents, g: GaussianComponents): { kappa: number; q: number } {
  const d = f.dim;
  const cov = (m: GaussianComponents, j: number) =>
    m.covariances.length === d * d
      ? m.covariances
      : m.covariances.subarray(j * d * d, (j + 1) * d * d);
  let kappa = 1;
  let q = 0;
  for (const [a, b] of [
    [f, f],
    [g, g],
    [f, g],
  ]) {
    for (let i = 0; i < a.weights.length; i++) {
      for (let j = 0; j < b.weights.length; j++) {
        const s = cov(a, i).map((v, r) => v + cov(b, j)[r]);
        const lambda = symmetricEigenvalues(s, d);
        kappa = Math.max(kappa, lambda[d - 1] / lambda[0]);
        let dist = 0;
        for (let r = 0; r < d; r++) dist += (a.means[i * d + r] - b.means[j * d + r]) ** 2;
        q = Math.max(q, dist / lambda[0]);
      }
    }
  }
  return { kappa, q };
}

/** ln N(x; m, S) for small d, from the Cholesky factor. */
function logNormal(x: Float64Array, m: Float64Array, s: Float64Array, d: number): number {
  const L = cholesky(s, d);
  const inv = lowerTriangularInverse(L, d);
  let quad = 0;
  let logDet = 0;
  for (let i = 0; i < d; i++) {
    let v = 0;
    for (let k = 0; k <= i; k++) v += inv[i * d + k] * (x[k] - m[k]);
    quad += v * v;
    logDet += 2 * Math.log(L[i * d + i]);
  }
  return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quad);
}

describe("l2: the L2 density distance between Gaussian mixtures", () => {
  it("equals the closed form evaluated by scipy (cross-checked by quadrature) within the rounding bound", () => {
    for (const c of fixture.l2) {
      const f = components(c.f);
      const g = components(c.g);
      const actual = l2Distance(f, g);
      const { kappa, q } = pairBounds(f, g);
      const scale =
        squaredNorm(f) + squaredNorm(g) + 2 * Math.sqrt(squaredNorm(f) * squaredNorm(g));
      const tol = 64 * f.dim * EPS * kappa * (1 + q) * scale;
      expect(
        Math.abs(actual - c.l2),
        `${c.name}: expected ${c.l2} (quadrature ${c.quadrature}), actual ${actual}, tolerance ${tol}`,
      ).toBeLessThanOrEqual(tol);
      const swapped = l2Distance(g, f);
      expect(Math.abs(swapped - actual), `${c.name}: symmetric`).toBeLessThanOrEqual(tol);
      expect(l2Distance(f, f), `${c.name}: f against itself`).toBeLessThanOrEqual(
        64 * f.dim * EPS * kappa * (1 + q) * 4 * squaredNorm(f),
      );
    }
  });

  it("on an mv-gaussian chain: the Gaussian closed form, exactly 0 at the reference, undefined for a singular fit", () => {
    const models = new Map<string, AnyModel>();
    const spec = {
      truth: "mv-gaussian:dim=2,rho=0.3",
      family: "mv-gaussian",
      regime: "replace",
      samples: 20,
      generations: 3,
      chains: 3,
      seed: 9,
      metrics: ["l2", "l2-gen1"],
    };
    const config = configFromSpec(spec);
    const r = runChains({ ...config, onFit: (c, t, m) => models.set(`${c}/${t}`, m) });
    const truth = config.truth.model as MvGaussianModel;
    const closed = (a: MvGaussianModel, b: MvGaussianModel) => {
      const det4pi = (s: Float64Array) => (4 * Math.PI) ** 2 * (s[0] * s[3] - s[1] * s[2]);
      const sum = a.cov.map((v, i) => v + b.cov[i]);
      return (
        1 / Math.sqrt(det4pi(a.cov)) +
        1 / Math.sqrt(det4pi(b.cov)) -
        2 * Math.exp(logNormal(a.mean, b.mean, sum, 2))
      );
    };
    for (let c = 0; c < 3; c++) {
      expect(r.values.l2[c * 4]).toBe(0);
      expect(r.values["l2-gen1"][c * 4 + 1]).toBe(0);
      const first = models.get(`${c}/1`) as MvGaussianModel;
      for (let t = 1; t <= 3; t++) {
        const m = models.get(`${c}/${t}`) as MvGaussianModel;
        for (const [id, ref] of [
          ["l2", truth],
          ["l2-gen1", first],
        ] as const) {
          if (id === "l2-gen1" && t === 1) continue;
          const expected = closed(m, ref);
          const f = { dim: 2, weights: Float64Array.of(1), means: m.mean, covariances: m.cov };
          const g = { dim: 2, weights: Float64Array.of(1), means: ref.mean, covariances: ref.cov };
          const { kappa, q } = pairBounds(f, g);
          const tol = 64 * 2 * EPS * kappa * (1 + q) * (squaredNorm(f) + squaredNorm(g)) * 2;
          expect(
            Math.abs(r.values[id][c * 4 + t] - expected),
            `${id}, chain ${c}, t=${t}: expected ${expected}, actual ${r.values[id][c * 4 + t]}, tolerance ${tol}`,
          ).toBeLessThanOrEqual(tol);
        }
      }
    }
    // Two samples in 2-D fit a singular covariance: no square-integrable density.
    const singular = runChains(configFromSpec({ ...spec, samples: 2, generations: 1, chains: 1 }));
    expect(Number.isNaN(singular.values.l2[1])).toBe(true);
    expect(singular.undefinedValues.find((u) => u.metric === "l2")?.reason).toMatch(
      /l2 is undefined: a component with a singular covariance/,
    );
  });

  it("1-D: a KDE chain's l2 to a Gaussian truth is the 1-D closed form of the same kernel sums", () => {
    const models = new Map<string, AnyModel>();
    const config = configFromSpec({
      truth: "gaussian:mean=0.5,sd=1.5",
      family: "kde:bandwidth=0.4",
      regime: "replace",
      samples: 15,
      generations: 2,
      chains: 2,
      seed: 4,
      metrics: ["l2"],
    });
    const r = runChains({ ...config, onFit: (c, t, m) => models.set(`${c}/${t}`, m) });
    for (let c = 0; c < 2; c++) {
      for (let t = 1; t <= 2; t++) {
        const m = models.get(`${c}/${t}`) as unknown as { means: Float64Array };
        // Direct sums of N(x_i − x_j; 0, 2h²), N(x_i − 0.5; 0, h² + σ²) and 1/√(4πσ²).
        const h2 = 0.16;
        const s2 = 2.25;
        const n = m.means.length;
        const pdf = (x: number, v: number) =>
          Math.exp((-0.5 * x * x) / v) / Math.sqrt(2 * Math.PI * v);
        let ff = 0;
        let fg = 0;
        for (let i = 0; i < n; i++) {
          fg += pdf(m.means[i] - 0.5, h2 + s2) / n;
          for (let j = 0; j < n; j++) ff += pdf(m.means[i] - m.means[j], 2 * h2) / (n * n);
        }
        const expected = ff + 1 / Math.sqrt(4 * Math.PI * s2) - 2 * fg;
        const tol = 64 * EPS * (1 + 50) * (ff + 1);
        expect(
          Math.abs(r.values.l2[c * 3 + t] - expected),
          `chain ${c}, t=${t}: expected ${expected}, tolerance ${tol}`,
        ).toBeLessThanOrEqual(tol);
      }
    }
  });
});

describe("nll on vector data", () => {
  it("mv-gaussian chains: within the sampling error of the exact cross-entropy (seed 21; 0.1% per assertion)", () => {
    const N = 20_000;
    const z = normalQuantile(1 - 0.001 / 2);
    const models = new Map<string, MvGaussianModel>();
    const config = configFromSpec({
      truth: "mv-gaussian:dim=2,rho=0.5,sd=2",
      family: "mv-gaussian",
      regime: "replace",
      samples: 12,
      generations: 2,
      chains: 3,
      seed: 21,
      metrics: ["nll"],
      mcSamples: N,
    });
    const r = runChains({
      ...config,
      onFit: (c, t, m) => models.set(`${c}/${t}`, m as MvGaussianModel),
    });
    const truth = config.truth.model as MvGaussianModel;
    const d = 2;
    for (let c = 0; c < 3; c++) {
      for (let t = 0; t <= 2; t++) {
        const m = t === 0 ? truth : (models.get(`${c}/${t}`) as MvGaussianModel);
        const inv = (() => {
          const li = lowerTriangularInverse(cholesky(m.cov, d), d);
          const liT = Float64Array.from(
            { length: 4 },
            (_, i) => li[(i % 2) * 2 + Math.floor(i / 2)],
          );
          return matMul(liT, li, d);
        })();
        const A = matMul(inv, truth.cov, d);
        const delta = m.mean.map((v, i) => v - truth.mean[i]);
        const quad = (M: Float64Array) =>
          delta[0] * (M[0] * delta[0] + M[1] * delta[1]) +
          delta[1] * (M[2] * delta[0] + M[3] * delta[1]);
        const logDet = Math.log(m.cov[0] * m.cov[3] - m.cov[1] * m.cov[2]);
        const expected = 0.5 * (d * Math.log(2 * Math.PI) + logDet + A[0] + A[3] + quad(inv));
        const A2 = matMul(A, A, d);
        const variance = 0.25 * (2 * (A2[0] + A2[3]) + 4 * quad(matMul(A, inv, d)));
        const actual = generationValues(r, "nll", t)[c];
        const tol = z * Math.sqrt(variance / N);
        expect(
          Math.abs(actual - expected),
          `chain ${c}, t ${t}: expected ${expected}, actual ${actual}, tolerance ${tol}`,
        ).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("is +∞ for a singular mv-gaussian fit (no density on R^d)", () => {
    const r = runChains(
      configFromSpec({
        truth: "mv-gaussian:dim=3",
        family: "mv-gaussian",
        regime: "replace",
        samples: 3,
        generations: 1,
        chains: 1,
        seed: 2,
        metrics: ["nll"],
        mcSamples: 50,
      }),
    );
    expect(r.values.nll[1]).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(r.values.nll[0])).toBe(true);
  });
});
