/**
 * The multivariate Gaussian in the engine: model, family, truth, metrics, transforms, specs, and
 * the exact replace formulas of docs/theory.md#mv-gaussian.
 *
 * Generation convention: generation 0 is the truth, generation 1 is fitted to M real samples,
 * generation t+1 to M samples of generation t (replace). With the covariance divided by
 * D = M − ddof, D·Σ̂ is a Wishart scatter: (D·Σ_{t+1} | Σ_t) ~ Wishart_d(n, Σ_t), n = M − 1.
 *
 * - Trace (Wishart moments E[W] = nΣ, Var tr W = 2n tr Σ², E tr W² = n(n+1) tr Σ² + n (tr Σ)²):
 *     E[tr Σ_t] = (n/D)^t tr Σ_0,
 *     a_t = E[(tr Σ_t)²], b_t = E[tr Σ_t²]:  a_{t+1} = (n² a_t + 2n b_t)/D²,
 *                                            b_{t+1} = (n(n+1) b_t + n a_t)/D²,
 *     Var[tr Σ_t] = a_t − E[tr Σ_t]²   (exact; checked against a numpy Monte Carlo, 4e5 chains).
 * - Log-determinant (Bartlett: det W = det Σ · Π_{i=1}^{d} χ²_{M−i}, independent factors):
 *     E[ln det Σ_t − ln det Σ_0] = t·[Σ_{i=1}^{d} ψ((M−i)/2) + d·ln(2/D)],
 *     Var[ln det Σ_t − ln det Σ_0] = t·Σ_{i=1}^{d} ψ′((M−i)/2)   (exact).
 * Decision rule: z-test of the across-chain mean with the EXACT variance of one chain's value,
 * Bonferroni over every check of a test block, α = 1e-6 per block. The per-chain values are
 * skewed (tr Σ_t to the right, up to 2.6; ln det hardly, |skew| ≤ 0.04); the settings keep
 * t·d/M ≤ 1 (docs/theory.md#pitfall-heavy-tails), so the skewness of the K-chain mean is
 * ≤ 0.063 (measured on 2·10⁴ chains per setting) and the Edgeworth term at z ≈ 5.5,
 * γ(z² − 1)/6 ≤ 0.31, moves at most 31 %
 * of the tail mass from one side to the other: the two-sided level stays ≈ α.
 * Recovery checks are z-tests at α = 1e-6 per block with exact Wishart moments.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { checkChainConfig, runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { eraseFamily } from "../../src/families/family.ts";
import { fitMvGaussian, mvGaussian } from "../../src/families/mvGaussian.ts";
import { metricById } from "../../src/metrics/metric.ts";
import type { VectorData } from "../../src/model/data.ts";
import type { MvGaussianModel } from "../../src/model/models.ts";
import {
  isSingularCovariance,
  mvGaussianEntropy,
  mvGaussianKl,
  mvGaussianLogDensity,
  mvGaussianLogDet,
  mvGaussianModel,
  mvGaussianW2,
  sampleMvGaussian,
} from "../../src/model/mvGaussian.ts";
import { gaussianModel } from "../../src/model/univariate.ts";
import {
  binomialSf,
  digamma,
  normalQuantile,
  symmetricEigenvalues,
  trigamma,
} from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { synthesize, transformModel } from "../../src/transforms/transform.ts";
import { mvGaussianTruth } from "../../src/truths/mvGaussian.ts";
import { truthTailSet } from "../../src/truths/truth.ts";
import { InvalidParameterError } from "../../src/util/validate.ts";
import { loadFixture } from "../numeric/accuracy.ts";

const ALPHA = 1e-6;
const SEED = 20261127;
const EPS = Number.EPSILON;

const vec = (dim: number, rows: number[][]): VectorData => ({
  kind: "vector",
  dim,
  values: Float64Array.from(rows.flat()),
});

function zCheck(label: string, estimate: number, expected: number, se: number, z: number) {
  const dev = Math.abs(estimate - expected);
  expect(
    dev,
    `${label}: expected ${expected}, estimate ${estimate}, |dev| ${dev} > z·se = ${z}·${se} (seed ${SEED})`,
  ).toBeLessThanOrEqual(z * se);
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

describe("named errors", () => {
  it("mvGaussianModel: non-PSD, asymmetric, dim mismatch, dim < 1, non-finite", () => {
    expect(() => mvGaussianModel([0, 0], [1, 2, 2, 1])).toThrow(
      /^mvGaussianModel: cov must be positive semi-definite \(smallest eigenvalue -1 < −.*\), got \[1,2,2,1\]$/,
    );
    expect(() => mvGaussianModel([0, 0], [1, 0.5, 0.2, 1])).toThrow(
      "mvGaussianModel: cov[1] must equal cov[2] = 0.2 (symmetric), got 0.5",
    );
    expect(() => mvGaussianModel([0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1])).toThrow(
      "mvGaussianModel: cov.length must equal dim² = 4 (mean has dim 2), got 9",
    );
    expect(() => mvGaussianModel([], [])).toThrow(
      "mvGaussianModel: mean.length must be >= 1 (dimension), got 0",
    );
    expect(() => mvGaussianModel([0, Number.NaN], [1, 0, 0, 1])).toThrow(
      "mvGaussianModel: mean[1] must be a finite number, got NaN",
    );
    expect(() => mvGaussianModel([0], [-1])).toThrow(
      "mvGaussianModel: cov[0] must be >= 0 (a variance on the diagonal), got -1",
    );
    expect(() => mvGaussianModel([0], [-1])).toThrow(InvalidParameterError);
  });

  it("truth: dim, rho outside (−1/(d−1), 1), sd", () => {
    expect(() => mvGaussianTruth(0)).toThrow(
      "mv-gaussian: dim must be an integer in [1, 1000], got 0",
    );
    expect(() => mvGaussianTruth(3, -0.5)).toThrow(
      /^mv-gaussian: rho must be in \(-0\.5, 1\) for dim = 3 .*got -0\.5$/,
    );
    expect(() => mvGaussianTruth(2, 1)).toThrow(/^mv-gaussian: rho must be in \(-1, 1\)/);
    expect(() => mvGaussianTruth(2, 0, 0)).toThrow("mv-gaussian: sd must be finite and > 0, got 0");
    expect(() => mvGaussianTruth(2, 1 - 1e-17)).toThrow(/rho must be in/);
    // Inside the bounds but numerically singular (condition number > 1/(dε)).
    expect(() => mvGaussianTruth(2, 1 - 1e-16)).toThrow(
      /^mv-gaussian: rho must keep the covariance numerically positive definite/,
    );
  });

  it("family: ddof ∉ {0, 1}, too few samples, non-finite data, bad shape", () => {
    expect(() => mvGaussian({ ddof: 2 })).toThrow(
      "mv-gaussian: ddof must be an integer in [0, 1], got 2",
    );
    const stream = derive(SEED, "errors");
    expect(() => mvGaussian({ ddof: 1 }).fit(vec(2, [[1, 2]]), stream)).toThrow(
      "mv-gaussian: data.size must be > 1, got 1",
    );
    expect(() => mvGaussian().fit(vec(2, [[1, Number.POSITIVE_INFINITY]]), stream)).toThrow(
      "mv-gaussian: data.values[1] must be finite, got Infinity",
    );
    expect(() =>
      mvGaussian().fit({ kind: "vector", dim: 2, values: new Float64Array(3) }, stream),
    ).toThrow("mv-gaussian: data.values.length must be a multiple of data.dim (2), got 3");
    expect(() =>
      checkChainConfig({
        truth: mvGaussianTruth(2),
        family: eraseFamily(mvGaussian({ ddof: 1 })),
        regime: { kind: "replace" },
        samples: 1,
        generations: 1,
        chains: 1,
        seed: SEED,
        metrics: [],
      }),
    ).toThrow("mv-gaussian: samples must be > ddof (1) to fit a covariance, got 1");
  });

  it("metrics reject a dimension mismatch and undefined pairs; no tail set exists", () => {
    const truth = mvGaussianTruth(3);
    const ctx = {
      truth,
      tail: undefined as never,
      mcSamples: 1,
      mcStream: () => derive(1),
      once: <T>(_key: string, compute: () => T): T => compute(),
      heldOut: () => truth.sampleReal(derive(2), 1),
    };
    const m2 = mvGaussianModel([0, 0], [1, 0, 0, 1]);
    expect(() => metricById("kl").compute(m2, ctx)).toThrow(
      "kl: model.dim must equal the truth's dim (3), got 2",
    );
    expect(() => metricById("w2").compute(gaussianModel(0, 1), ctx)).toThrow(
      'w2: model.kind must match the truth\'s kind (mv-gaussian) for a closed form, got "gaussian"',
    );
    for (const id of ["tail-mass", "tv", "support", "heterozygosity"] as const) {
      expect(() =>
        checkChainConfig({
          truth,
          family: eraseFamily(mvGaussian()),
          regime: { kind: "replace" },
          samples: 10,
          generations: 1,
          chains: 1,
          seed: SEED,
          metrics: [id],
        }),
      ).toThrow(`runChains: metrics "${id}" is not defined for mv-gaussian models`);
    }
    expect(() => truthTailSet(truth)).toThrow(
      'truthTailSet: truth.model.kind has no tail set, got "mv-gaussian"',
    );
    const singular = mvGaussianModel([0, 0], [1, 1, 1, 1]);
    expect(() => mvGaussianKl(singular, singular)).toThrow(
      /^mvGaussianKl: p.cov must be non-singular when q.cov is singular/,
    );
  });

  it("specs: required dim, unknown parameters, a Gaussian family on vector data", () => {
    expect(() => truthFromSpec("mv-gaussian")).toThrow(
      'truth "mv-gaussian": dim is required (dimension d >= 1 (fits cost d³ per generation)), got undefined',
    );
    expect(() => familyFromSpec("mv-gaussian:bias=1")).toThrow(
      'family "mv-gaussian": parameter must be one of: ddof, got "bias"',
    );
    expect(() =>
      configFromSpec({
        truth: "mv-gaussian:dim=2",
        family: "gaussian-mle",
        regime: "replace",
        samples: 10,
        generations: 1,
        chains: 1,
        seed: 1,
        metrics: [],
      }),
    ).not.toThrow();
    expect(() =>
      checkChainConfig(
        configFromSpec({
          truth: "mv-gaussian:dim=2",
          family: "gaussian-mle",
          regime: "replace",
          samples: 10,
          generations: 1,
          chains: 1,
          seed: 1,
          metrics: [],
        }),
      ),
    ).toThrow(/fits real data but truth "mv-gaussian" gives vector data \(incompatible pair\)/);
  });
});

describe("exact small cases", () => {
  it("fit of (1,2), (3,6), (5,4): mean (3,4); Σ̂ = [[8,4],[4,8]]/3 (MLE), [[4,2],[2,4]] (ddof 1)", () => {
    const data = vec(2, [
      [1, 2],
      [3, 6],
      [5, 4],
    ]);
    const mle = fitMvGaussian(data);
    expect(Array.from(mle.mean)).toEqual([3, 4]);
    expect(Array.from(mle.cov)).toEqual([8 / 3, 4 / 3, 4 / 3, 8 / 3]);
    const unbiased = mvGaussian({ ddof: 1 }).fit(data, derive(1));
    expect(Array.from(unbiased.cov)).toEqual([4, 2, 2, 4]);
    expect(mvGaussianLogDet(unbiased)).toBeCloseTo(Math.log(12), 14);
    // numpy.cov(x, rowvar=False, bias=True) on a case with cancellation-prone large values.
    const shifted = fitMvGaussian(
      vec(2, [
        [1e8 + 1, 2],
        [1e8 + 3, 6],
        [1e8 + 5, 4],
      ]),
    );
    expect(Array.from(shifted.cov)).toEqual([8 / 3, 4 / 3, 4 / 3, 8 / 3]);
  });

  it("the truth: Σ = sd²[(1−ρ)I + ρ11ᵀ]; tr, entropy and ln det in closed form; data kind vector", () => {
    const t = truthFromSpec("mv-gaussian:dim=4,rho=0.25,sd=2");
    expect(t.dataKind).toBe("vector");
    expect(t.params).toEqual({ dim: 4, rho: 0.25, sd: 2 });
    const m = t.model as MvGaussianModel;
    expect(Array.from(m.cov.slice(0, 4))).toEqual([4, 1, 1, 1]);
    expect(t.summaries.variance).toBe(16);
    // ln det = 4 ln 4 + 3 ln 0.75 + ln 1.75.
    const ld = 4 * Math.log(4) + 3 * Math.log(0.75) + Math.log(1.75);
    expect(Math.abs(mvGaussianLogDet(m) - ld)).toBeLessThanOrEqual(16 * EPS * Math.abs(ld));
    const h = 0.5 * (4 * Math.log(2 * Math.PI * Math.E) + ld);
    expect(Math.abs((t.summaries.entropy as number) - h)).toBeLessThanOrEqual(8 * EPS * h);
    expect(Math.abs(mvGaussianEntropy(m) - h)).toBeLessThanOrEqual(16 * EPS * h);
    expect(t.sampleReal(derive(SEED, "real"), 5)).toMatchObject({ kind: "vector", dim: 4 });
  });

  it("closed forms vs numpy/scipy (fixture linalg.json: KL by inv/slogdet, W₂² by sqrtm, entropy)", () => {
    // The cases have κ(Σ) ≤ 50 and d ≤ 5; rounding in the factorizations and products gives an
    // error of about d·ε·κ relative to the largest term (seen ≤ 3e-15): tolerance 1e-13 relative.
    interface Case {
      name: string;
      d: number;
      mu0: number[];
      cov0: number[];
      mu1: number[];
      cov1: number[];
      kl: number;
      w2: number;
      entropy0: number;
    }
    const cases = loadFixture<{ mvgaussian: Case[] }>("linalg.json").mvgaussian;
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const c of cases) {
      const p = mvGaussianModel(c.mu0, c.cov0);
      const q = mvGaussianModel(c.mu1, c.cov1);
      expect(Math.abs(mvGaussianKl(p, q) - c.kl), `${c.name} kl`).toBeLessThanOrEqual(
        1e-13 * Math.max(1, c.kl),
      );
      expect(Math.abs(mvGaussianW2(p, q) - c.w2), `${c.name} w2`).toBeLessThanOrEqual(
        1e-13 * Math.max(1, c.w2),
      );
      expect(Math.abs(mvGaussianW2(q, p) - c.w2), `${c.name} w2 swapped`).toBeLessThanOrEqual(
        1e-13 * Math.max(1, c.w2),
      );
      expect(Math.abs(mvGaussianEntropy(p) - c.entropy0), `${c.name} h`).toBeLessThanOrEqual(
        1e-13 * Math.max(1, Math.abs(c.entropy0)),
      );
      expect(mvGaussianKl(p, p)).toBeLessThanOrEqual(1e-13 * c.d);
      expect(mvGaussianW2(p, p)).toBeLessThanOrEqual(1e-13 * c.d * Math.max(...c.cov0));
    }
  });

  it("d = 1 reduces to the univariate closed forms; diagonal KL is the sum of 1-D KLs", () => {
    const p = mvGaussianModel([0.5], [2]);
    const q = mvGaussianModel([-1], [0.5]);
    const kl1 = 0.5 * Math.log(0.5 / 2) + (2 + 1.5 ** 2) / (2 * 0.5) - 0.5;
    expect(Math.abs(mvGaussianKl(p, q) - kl1)).toBeLessThanOrEqual(8 * EPS * kl1);
    const w1 = 1.5 ** 2 + (Math.sqrt(2) - Math.sqrt(0.5)) ** 2;
    expect(Math.abs(mvGaussianW2(p, q) - w1)).toBeLessThanOrEqual(8 * EPS * w1);
    const pd = mvGaussianModel([0.5, 0], [2, 0, 0, 1]);
    const qd = mvGaussianModel([-1, 0], [0.5, 0, 0, 4]);
    const kl2 = kl1 + (0.5 * Math.log(4) + 1 / 8 - 0.5);
    expect(Math.abs(mvGaussianKl(pd, qd) - kl2)).toBeLessThanOrEqual(8 * EPS * kl2);
    expect(Math.abs(mvGaussianW2(pd, qd) - (w1 + 1))).toBeLessThanOrEqual(8 * EPS * (w1 + 1));
  });

  it("metrics at generation 0 equal the truth's exact values", () => {
    const truth = mvGaussianTruth(3, 0.4, 1.5);
    const r = runChains({
      truth,
      family: eraseFamily(mvGaussian()),
      regime: { kind: "replace" },
      samples: 10,
      generations: 0,
      chains: 2,
      seed: SEED,
      metrics: ["variance", "log-variance", "log-det", "mean-error", "entropy", "kl", "w2"],
    });
    const ld = 3 * Math.log(2.25) + 2 * Math.log(0.6) + Math.log(1.8);
    const at0 = (id: string) => generationValues(r, id, 0)[0];
    expect(at0("variance")).toBe(6.75);
    expect(at0("log-variance")).toBe(Math.log(6.75));
    expect(Math.abs(at0("log-det") - ld)).toBeLessThanOrEqual(16 * EPS * Math.abs(ld));
    expect(at0("mean-error")).toBe(0);
    expect(Math.abs(at0("entropy") - (truth.summaries.entropy as number))).toBeLessThanOrEqual(
      16 * EPS * 10,
    );
    expect(at0("kl")).toBeLessThanOrEqual(16 * EPS);
    expect(at0("w2")).toBeLessThanOrEqual(16 * EPS * 6.75);
  });

  it("temperature τ scales the covariance; select keeps the smallest Mahalanobis distances", () => {
    const m = mvGaussianModel([1, -1, 0], [2, 0.5, 0, 0.5, 1, 0.3, 0, 0.3, 1.5]);
    const hot = transformModel(m, { kind: "temperature", tau: 0.5 }) as MvGaussianModel;
    expect(Array.from(hot.cov)).toEqual(Array.from(m.cov, (v) => v / 2));
    expect(hot.mean).toEqual(m.mean);
    const d = synthesize(m, [{ kind: "select", fraction: 0.5 }], derive(SEED, "select"), 1000);
    expect(d).toMatchObject({ kind: "vector", dim: 3 });
    const x = (d as VectorData).values;
    expect(x).toHaveLength(3000);
    // Kept: the 1000 of 2000 draws with the smallest Mahalanobis² Q ~ χ²₃, i.e. Q up to the
    // sample median of 2000 χ²₃ draws: median 2.36597, sd ≈ √(¼/2000)/f(2.36597) = 0.0595
    // (f = χ²₃ density, 0.18800). ±7 sd: false alarm < 1e-11.
    const logDensityAt = (q: number) =>
      -0.5 * (3 * Math.log(2 * Math.PI) + mvGaussianLogDet(m) + q);
    let worst = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 1000; i++) {
      worst = Math.min(worst, mvGaussianLogDensity(m, x.subarray(3 * i, 3 * i + 3)));
    }
    expect(worst).toBeGreaterThan(logDensityAt(2.36597 + 7 * 0.0595));
    expect(worst).toBeLessThan(logDensityAt(2.36597 - 7 * 0.0595));
  });
});

describe(`singular covariances (M ≤ d): allowed and reported honestly (seed ${SEED})`, () => {
  it("null eigenvalues of rank-deficient fits stay below 0.5·d·ε·λ_max (rank tolerance d·ε)", () => {
    let worst = 0;
    for (const d of [2, 5, 10, 30]) {
      const truth = mvGaussianTruth(d, 0.3, 2).model as MvGaussianModel;
      for (const M of new Set([1, 2, Math.ceil(d / 2), d])) {
        for (let rep = 0; rep < 20; rep++) {
          const x = sampleMvGaussian(truth, derive(SEED, "null", d, M, rep), M);
          for (let i = 0; i < x.values.length; i++) x.values[i] += 1e4; // a far-away mean
          const fit = fitMvGaussian(x);
          const lambda = symmetricEigenvalues(fit.cov, d);
          const lmax = lambda[d - 1];
          // M = 1: the zero matrix, exactly.
          if (M === 1) expect(lmax).toBe(0);
          else
            for (let k = 0; k < d - (M - 1); k++) {
              worst = Math.max(worst, Math.abs(lambda[k]) / (d * EPS * lmax));
            }
          expect(isSingularCovariance(fit)).toBe(true);
          expect(mvGaussianLogDet(fit)).toBe(Number.NEGATIVE_INFINITY);
          expect(mvGaussianEntropy(fit)).toBe(Number.NEGATIVE_INFINITY);
          expect(mvGaussianKl(truth, fit)).toBe(Number.POSITIVE_INFINITY);
          expect(mvGaussianKl(fit, truth)).toBe(Number.POSITIVE_INFINITY);
          expect(Number.isFinite(mvGaussianW2(truth, fit))).toBe(true);
        }
      }
    }
    expect(worst).toBeLessThan(0.5);
  });

  it("a replace chain with M = 3 in d = 5 runs: log-det −∞, entropy −∞, kl +∞; variance and w2 finite", () => {
    const r = runChains(
      configFromSpec({
        truth: "mv-gaussian:dim=5,rho=0.2",
        family: "mv-gaussian",
        regime: "replace",
        samples: 3,
        generations: 6,
        chains: 20,
        seed: SEED,
        metrics: ["log-det", "entropy", "kl", "variance", "w2", "mean-error"],
      }),
    );
    for (let t = 1; t <= 6; t++) {
      expect(generationValues(r, "log-det", t).every((v) => v === Number.NEGATIVE_INFINITY)).toBe(
        true,
      );
      expect(generationValues(r, "entropy", t).every((v) => v === Number.NEGATIVE_INFINITY)).toBe(
        true,
      );
      expect(generationValues(r, "kl", t).every((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
      for (const id of ["variance", "w2", "mean-error"]) {
        expect(generationValues(r, id, t).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      }
    }
    expect(r.undefinedValues).toEqual([]);
  });

  it("samples of a singular model stay on its support; the rank never grows along a chain", () => {
    let model = fitMvGaussian(
      sampleMvGaussian(mvGaussianTruth(6).model as MvGaussianModel, derive(SEED, "rank"), 4),
    );
    for (let t = 0; t < 30; t++) {
      const lambda = symmetricEigenvalues(model.cov, 6);
      const rank = lambda.filter((v) => v > 6 * EPS * lambda[5]).length;
      expect(rank, `generation ${t + 1}`).toBeLessThanOrEqual(3);
      model = fitMvGaussian(sampleMvGaussian(model, derive(SEED, "rank", t), 10));
    }
  });
});

describe(`sampler recovery from 1e5 draws (seed derive(${SEED}, "recover", …), α = 1e-6 per block)`, () => {
  // x̄_j ~ N(μ_j, Σ_jj/n); E[Σ̂_jk] = (n−1)Σ_jk/n, Var[Σ̂_jk] = (n−1)(Σ_jk² + Σ_jj Σ_kk)/n²
  // (Wishart; valid for singular Σ too). 3 means + 6 covariances: Bonferroni over 9.
  const n = 100_000;
  const z = normalQuantile(1 - ALPHA / 18);
  const mu = [1, -2, 0.5];
  const check = (label: string, cov: number[]) => {
    const model = mvGaussianModel(mu, cov);
    const x = sampleMvGaussian(model, derive(SEED, "recover", label), n);
    const fit = fitMvGaussian(x);
    for (let j = 0; j < 3; j++) {
      zCheck(`${label} mean[${j}]`, fit.mean[j], mu[j], Math.sqrt(cov[j * 4] / n), z);
      for (let k = 0; k <= j; k++) {
        const s = cov[j * 3 + k];
        const sd = Math.sqrt(((n - 1) * (s * s + cov[j * 4] * cov[k * 4])) / (n * n));
        zCheck(`${label} cov[${j},${k}]`, fit.cov[j * 3 + k], ((n - 1) / n) * s, sd, z);
      }
    }
    return { model, x };
  };

  it("positive definite Σ (Cholesky path)", () => {
    const { model } = check("pd", [4, 1.2, -0.6, 1.2, 1, 0.3, -0.6, 0.3, 0.5]);
    expect(isSingularCovariance(model)).toBe(false);
  });

  it("rank-2 Σ = BBᵀ (eigen path): moments recovered, every sample on μ + range Σ", () => {
    // B = [[1, 0], [1, 1], [0, 2]]: null vector u = (2, −2, 1)/3.
    const cov = [1, 1, 0, 1, 2, 2, 0, 2, 4];
    const { model, x } = check("singular", cov);
    expect(isSingularCovariance(model)).toBe(true);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const r = [0, 1, 2].map((j) => x.values[3 * i + j] - mu[j]);
      const off = Math.abs(2 * r[0] - 2 * r[1] + r[2]) / 3;
      worst = Math.max(worst, off / Math.hypot(...r, 1));
    }
    // Rounding only: the eigenvector of the zero eigenvalue is orthogonal to within ~d·ε.
    expect(worst).toBeLessThan(64 * EPS);
  });
});

/** Exact mean and variance of tr Σ_t for t = 0…T (see the file comment). */
function traceMoments(tr0: number, tr0sq: number, M: number, ddof: number, T: number) {
  const n = M - 1;
  const D = M - ddof;
  let m = tr0;
  let a = tr0 * tr0;
  let b = tr0sq;
  const out = [{ mean: m, variance: 0 }];
  for (let t = 1; t <= T; t++) {
    [a, b] = [(n * n * a + 2 * n * b) / (D * D), (n * (n + 1) * b + n * a) / (D * D)];
    m *= n / D;
    out.push({ mean: m, variance: a - m * m });
  }
  return out;
}

describe(`mv-gaussian replace: exact trace and log-det formulas (seed ${SEED}, α = 1e-6 per block)`, () => {
  const T = 10;
  const CHECKED = [1, 2, 5, 10];
  const z = normalQuantile(1 - ALPHA / (2 * 2 * CHECKED.length));
  const rho = 0.3;
  const sd = 1.5;
  const settings = [
    { d: 1, M: 100, K: 2000, ddof: 0 },
    { d: 3, M: 32, K: 2000, ddof: 0 },
    { d: 10, M: 100, K: 1000, ddof: 0 },
    { d: 3, M: 32, K: 2000, ddof: 1 },
  ];
  for (const { d, M, K, ddof } of settings) {
    const D = M - ddof;
    let drift = d * Math.log(2 / D);
    let varStep = 0;
    for (let i = 1; i <= d; i++) {
      drift += digamma((M - i) / 2);
      varStep += trigamma((M - i) / 2);
    }
    it(`d=${d}, M=${M}, ddof=${ddof}, K=${K}: E[tr Σ_t] = ((M−1)/(M−ddof))^t tr Σ_0 and E[Δ ln det] = t·${drift.toFixed(6)}`, () => {
      const r = d === 1 ? 0 : rho;
      const truth = mvGaussianTruth(d, r, sd);
      const v = sd * sd;
      const tr0 = d * v;
      const tr0sq = v * v * ((1 + (d - 1) * r) ** 2 + (d - 1) * (1 - r) ** 2);
      const moments = traceMoments(tr0, tr0sq, M, ddof, T);
      const result = runChains({
        truth,
        family: eraseFamily(mvGaussian({ ddof })),
        regime: { kind: "replace" },
        samples: M,
        generations: T,
        chains: K,
        seed: SEED,
        streamKeys: ["engine", "mv-replace", d, M, ddof],
        metrics: ["variance", "log-det"],
      });
      const ld0 = generationValues(result, "log-det", 0);
      expect(generationValues(result, "variance", 0)[0]).toBeCloseTo(tr0, 12);
      for (const t of CHECKED) {
        const tr = generationValues(result, "variance", t);
        zCheck(
          `d=${d} M=${M} ddof=${ddof} E[tr Σ_${t}]`,
          mean(tr),
          moments[t].mean,
          Math.sqrt(moments[t].variance / K),
          z,
        );
        const ld = generationValues(result, "log-det", t).map((x, c) => x - ld0[c]);
        zCheck(
          `d=${d} M=${M} ddof=${ddof} E[ln det Σ_${t} − ln det Σ_0]`,
          mean(ld),
          t * drift,
          Math.sqrt((t * varStep) / K),
          z,
        );
      }
    });
  }
});

describe(`Kazdan et al.'s shrinkage, median-based: d = 3, n = 32, 100 generations (seed ${SEED})`, () => {
  it("det(Σ_t)/det(Σ_0) and tr(Σ_t)/tr(Σ_0): medians below 1 and decreasing (sign tests, α = 1e-6)", () => {
    // Sign tests, distribution-free: S = #chains with ratio_t < 1 (H0: median ≥ 1), and
    // #chains with ratio_t2 < ratio_t1 (H0: the paired median difference ≥ 0). Reject when
    // P(Bin(K, ½) ≥ S) ≤ α/10 (Bonferroni: 2 statistics × (3 levels + 2 pairs)).
    const K = 400;
    const T = 100;
    const result = runChains(
      configFromSpec({
        truth: "mv-gaussian:dim=3",
        family: "mv-gaussian",
        regime: "replace",
        samples: 32,
        generations: T,
        chains: K,
        seed: SEED,
        streamKeys: ["engine", "kazdan"],
        metrics: ["log-det", "log-variance"],
      }),
    );
    let critical = Math.ceil(K / 2);
    while (binomialSf(critical - 1, K, 0.5) > ALPHA / 10) critical++;
    const checked = [25, 50, 100];
    for (const id of ["log-det", "log-variance"]) {
      const base = generationValues(result, id, 0);
      const logRatio = (t: number) => generationValues(result, id, t).map((v, c) => v - base[c]);
      const medians: number[] = [];
      for (const t of checked) {
        const lr = logRatio(t);
        const below = lr.filter((v) => v < 0).length;
        medians.push(Float64Array.from(lr).sort()[K / 2]);
        expect(
          below,
          `${id} at t=${t}: ${below}/${K} chains below 1, need ≥ ${critical}`,
        ).toBeGreaterThanOrEqual(critical);
      }
      for (let i = 1; i < checked.length; i++) {
        const a = logRatio(checked[i - 1]);
        const b = logRatio(checked[i]);
        const fewer = b.filter((v, c) => v < a[c]).length;
        expect(
          fewer,
          `${id}: ${fewer}/${K} chains lower at t=${checked[i]} than at t=${checked[i - 1]}`,
        ).toBeGreaterThanOrEqual(critical);
      }
      expect(medians[2]).toBeLessThan(medians[1]);
      expect(medians[1]).toBeLessThan(medians[0]);
    }
  });
});

describe(`regimes and transforms on vector data (seed ${SEED}, α = 1e-6 per block)`, () => {
  const d = 3;
  const M = 20;
  const K = 1000;
  const truth = mvGaussianTruth(d, 0.3, 1.5);
  const tr0 = truth.summaries.variance as number;
  // tr Σ² = ‖Σ‖_F² for a symmetric Σ.
  const tr0sq = (truth.model as MvGaussianModel).cov.reduce((s, x) => s + x * x, 0);
  const chains = (regime: string, transforms: string[] = [], T = 5) =>
    runChains(
      configFromSpec({
        truth: "mv-gaussian:dim=3,rho=0.3,sd=1.5",
        family: "mv-gaussian",
        regime,
        transforms,
        samples: M,
        generations: T,
        chains: K,
        seed: SEED,
        streamKeys: ["engine", "mv-regimes", regime, ...transforms],
        metrics: ["variance", "log-det", "kl", "w2"],
      }),
    );

  it("fresh:real=M fits M fresh real samples every generation: E[tr Σ_t] = ((M−1)/M)·tr Σ_0", () => {
    // Every generation is an independent first fit: Var[tr Σ_t] = 2(M−1)·tr Σ_0²/M².
    const r = chains(`fresh:real=${M}`);
    const z = normalQuantile(1 - ALPHA / (2 * 5));
    const se = Math.sqrt((2 * (M - 1) * tr0sq) / (M * M) / K);
    for (let t = 1; t <= 5; t++) {
      zCheck(
        `fresh E[tr Σ_${t}]`,
        mean(generationValues(r, "variance", t)),
        ((M - 1) / M) * tr0,
        se,
        z,
      );
    }
  });

  it("temperature τ = 0.9: E[tr Σ_t] = τ^(t−1)((M−1)/M)^t tr Σ_0 with the exact variance", () => {
    // Generation 1 is fitted to real data (no transform); later ones to samples of N(μ, τΣ_t):
    // the trace moment recursion of the replace tests with Σ_t replaced by τΣ_t for t ≥ 1.
    const tau = 0.9;
    const r = chains("replace", ["temperature:tau=0.9"]);
    const checked = [1, 3, 5];
    const z = normalQuantile(1 - ALPHA / (2 * checked.length));
    const n = M - 1;
    let m = tr0;
    let a = tr0 * tr0;
    let b = tr0sq;
    for (let t = 1; t <= 5; t++) {
      const s = t === 1 ? 1 : tau;
      [a, b] = [
        (s * s * (n * n * a + 2 * n * b)) / (M * M),
        (s * s * (n * (n + 1) * b + n * a)) / (M * M),
      ];
      m *= (s * n) / M;
      if (checked.includes(t)) {
        const x = generationValues(r, "variance", t);
        zCheck(`temperature E[tr Σ_${t}]`, mean(x), m, Math.sqrt((a - m * m) / K), z);
      }
    }
  });

  it("accumulate, accumulate-subsample, keep-original and select run with finite metrics", () => {
    for (const [regime, transforms] of [
      ["accumulate", []],
      ["accumulate-subsample", []],
      ["keep-original:fraction=0.5", []],
      ["replace", ["select:fraction=0.8"]],
    ] as const) {
      const r = runChains(
        configFromSpec({
          truth: "mv-gaussian:dim=3,rho=0.3,sd=1.5",
          family: "mv-gaussian",
          regime,
          transforms: [...transforms],
          samples: M,
          generations: 5,
          chains: 20,
          seed: SEED,
          metrics: ["variance", "log-det", "kl", "w2"],
        }),
      );
      for (const id of r.metrics) {
        for (let t = 0; t <= 5; t++) {
          expect(
            generationValues(r, id, t).every((x) => Number.isFinite(x)),
            `${regime} ${transforms.join()} ${id} t=${t}`,
          ).toBe(true);
        }
      }
    }
  });
});
