/**
 * Dirichlet sampler (normalised gammas; stick-breaking betas when max α < 0.1). Seeds:
 * derive("test/sample/dirichlet", <label>), labels in the test names and logged.
 *
 * Checks, each at α = 1e-6 and two-sided:
 * - α = (0.01 × 5), stick-breaking, 1e5 rows: 5 means + 15 covariances (CLT on bounded summands,
 *   Var of each product term from the exact mixed moments E∏X_l^{m_l} = ∏(α_l)↑m_l/(α₀)↑M).
 * - α = (0.01 × 20), stick-breaking, 1e5 rows: KS of the marginals 0, 9 and 19 against
 *   Beta(α_i, α₀ − α_i) (3 KS; components 0 and 19 are the first stick and the remainder).
 *   Not for k = 5: there ~4.6 % of each marginal lies within 2^-53 of 1 and rounds to exactly 1.0,
 *   which the continuous KS statistic misreads as a misfit; with k = 20 that mass is ~4e-5.
 * - α = (2, 3, 5), gamma path, 2e5 rows: 3 means + 6 covariances + 3 KS.
 * - α = (0.05, 0.5, 1, 7.5), gamma path with boosted small shapes, 1e5 rows: 4 means + 4 KS.
 * 20 + 3 + 12 + 8 = 43 checks: file false-alarm probability ≤ 4.3e-5. Row sums (within k·2^-52
 * of 1), non-negativity and absence of NaN are checked deterministically on every row.
 */
import { describe, expect, it } from "vitest";
import { betaCdf } from "../../../src/numeric/index.ts";
import { dirichlet, fillDirichlet } from "../../../src/sample/dirichlet.ts";
import {
  assertFillRowsMatchSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectKs, expectMean, seeded, Z } from "../stats.ts";

function rising(a: number, m: number): number {
  let p = 1;
  for (let i = 0; i < m; i++) p *= a + i;
  return p;
}

/** E[X_i^p X_j^q] (i ≠ j) or E[X_i^p] (j = -1) for X ~ Dirichlet(alpha). */
function rawMoment(alpha: number[], i: number, p: number, j: number, q: number): number {
  const a0 = alpha.reduce((s, v) => s + v, 0);
  const num = rising(alpha[i], p) * (j >= 0 ? rising(alpha[j], q) : 1);
  return num / rising(a0, p + (j >= 0 ? q : 0));
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Cov(X_i, X_j) and Var((X_i − μ_i)(X_j − μ_j)) from the exact moments. */
function covarianceAndItsVariance(
  alpha: number[],
  i: number,
  j: number,
): { cov: number; varProduct: number } {
  const mu = (l: number) => rawMoment(alpha, l, 1, -1, 0);
  const mi = mu(i);
  const mj = mu(j);
  if (i === j) {
    let m2 = 0;
    let m4 = 0;
    for (let p = 0; p <= 4; p++) {
      const e = rawMoment(alpha, i, p, -1, 0);
      if (p <= 2) m2 += binom(2, p) * (-mi) ** (2 - p) * e;
      m4 += binom(4, p) * (-mi) ** (4 - p) * e;
    }
    return { cov: m2, varProduct: m4 - m2 * m2 };
  }
  let c11 = 0;
  let c22 = 0;
  for (let p = 0; p <= 2; p++) {
    for (let q = 0; q <= 2; q++) {
      const e = rawMoment(alpha, i, p, j, q);
      if (p <= 1 && q <= 1) c11 += (-mi) ** (1 - p) * (-mj) ** (1 - q) * e;
      c22 += binom(2, p) * binom(2, q) * (-mi) ** (2 - p) * (-mj) ** (2 - q) * e;
    }
  }
  return { cov: c11, varProduct: c22 - c11 * c11 };
}

function column(rows: Float64Array, k: number, j: number): Float64Array {
  const n = rows.length / k;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = rows[r * k + j];
  return out;
}

/** Every row: entries finite and ≥ 0, sum within k·2^-52 of 1. */
function expectValidRows(rows: Float64Array, k: number, label: string): void {
  const n = rows.length / k;
  let worst = 0;
  let bad = 0;
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      const v = rows[r * k + j];
      if (!(v >= 0 && v <= 1)) bad++;
      s += v;
    }
    worst = Math.max(worst, Math.abs(s - 1));
  }
  expect(bad, `${label}: entries outside [0, 1] or NaN`).toBe(0);
  expect(worst, `${label}: worst |row sum − 1|`).toBeLessThanOrEqual(k * 2 ** -52);
}

function expectMeans(rows: Float64Array, alpha: number[], label: string): void {
  const a0 = alpha.reduce((s, v) => s + v, 0);
  alpha.forEach((a, j) => {
    const m = a / a0;
    expectMean(column(rows, alpha.length, j), m, (m * (1 - m)) / (a0 + 1), `${label} mean[${j}]`);
  });
}

function expectCovariances(rows: Float64Array, alpha: number[], label: string): void {
  const k = alpha.length;
  const n = rows.length / k;
  const cols = alpha.map((_, j) => column(rows, k, j));
  const means = cols.map((c) => c.reduce((s, v) => s + v, 0) / n);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (cols[i][r] - means[i]) * (cols[j][r] - means[j]);
      const sample = s / (n - 1);
      const { cov, varProduct } = covarianceAndItsVariance(alpha, i, j);
      const tol = Z * Math.sqrt(varProduct / n) + 1e-12;
      expect(
        Math.abs(sample - cov),
        `${label} cov[${i}][${j}] = ${sample} vs ${cov}, tol ${tol}`,
      ).toBeLessThanOrEqual(tol);
    }
  }
}

function expectMarginalKs(rows: Float64Array, alpha: number[], j: number, label: string): void {
  const a0 = alpha.reduce((s, v) => s + v, 0);
  const a = alpha[j];
  expectKs(column(rows, alpha.length, j), (v) => betaCdf(v, a, a0 - a), `${label} marginal[${j}]`);
}

describe("dirichlet: small concentrations (stick-breaking)", () => {
  it("α = 0.01 × 5: means, covariances, valid rows [seed test/sample/dirichlet small-5]", () => {
    const alpha = [0.01, 0.01, 0.01, 0.01, 0.01];
    const rows = fillDirichlet(seeded("dirichlet", "small-5"), alpha, new Float64Array(1e5 * 5));
    expectValidRows(rows, 5, "small-5");
    expectMeans(rows, alpha, "small-5");
    expectCovariances(rows, alpha, "small-5");
  });

  it("α = 0.01 × 20: marginals are Beta(α_i, α₀ − α_i) [seed test/sample/dirichlet small-20]", () => {
    const alpha = new Array<number>(20).fill(0.01);
    const rows = fillDirichlet(seeded("dirichlet", "small-20"), alpha, new Float64Array(1e5 * 20));
    expectValidRows(rows, 20, "small-20");
    for (const j of [0, 9, 19]) expectMarginalKs(rows, alpha, j, "small-20");
  });

  it("α = 1e-4 × 3 never yields NaN rows", () => {
    const alpha = [1e-4, 1e-4, 1e-4];
    const rows = fillDirichlet(seeded("dirichlet", "tiny-3"), alpha, new Float64Array(3e4));
    expectValidRows(rows, 3, "tiny-3");
  });
});

describe("dirichlet: large and mixed concentrations (normalised gammas)", () => {
  it("α = (2, 3, 5): means, covariances, marginal KS [seed test/sample/dirichlet large-3]", () => {
    const alpha = [2, 3, 5];
    const rows = fillDirichlet(seeded("dirichlet", "large-3"), alpha, new Float64Array(2e5 * 3));
    expectValidRows(rows, 3, "large-3");
    expectMeans(rows, alpha, "large-3");
    expectCovariances(rows, alpha, "large-3");
    for (const j of [0, 1, 2]) expectMarginalKs(rows, alpha, j, "large-3");
  });

  it("α = (0.05, 0.5, 1, 7.5): means, marginal KS [seed test/sample/dirichlet mixed-4]", () => {
    const alpha = [0.05, 0.5, 1, 7.5];
    const rows = fillDirichlet(seeded("dirichlet", "mixed-4"), alpha, new Float64Array(1e5 * 4));
    expectValidRows(rows, 4, "mixed-4");
    expectMeans(rows, alpha, "mixed-4");
    for (const j of [0, 1, 2, 3]) expectMarginalKs(rows, alpha, j, "mixed-4");
  });
});

describe("dirichlet: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => dirichlet(s, [0.01, 0.02, 0.03]));
    assertSameOutputGivenSameSeed((s) => dirichlet(s, [2, 0.5, 7]));
    assertSameOutputGivenSameSeed((s) => fillDirichlet(s, [1, 1], new Float64Array(40)));
  });

  it("fillDirichlet equals one dirichlet() per row, and dirichlet fills a given out", () => {
    for (const alpha of [[0.01, 0.05, 0.02], [2, 3, 5], [0.05, 0.5, 1, 7.5], [4]]) {
      assertFillRowsMatchSingle(
        (s, out) => fillDirichlet(s, alpha, out),
        (s) => dirichlet(s, alpha),
        alpha.length,
        { numRuns: 10 },
      );
    }
    const out = new Float64Array(3);
    expect(dirichlet(seeded("dirichlet", "out"), [1, 2, 3], out)).toBe(out);
    expect(dirichlet(seeded("dirichlet", "out"), [4])).toEqual(Float64Array.of(1));
  });
});

describe("dirichlet: validation", () => {
  const s = seeded("dirichlet", "validation");
  it("rejects empty alpha, non-positive or non-finite entries, and misfitting out", () => {
    for (const v of [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expectInvalidParameter(() => dirichlet(s, [1, v]), "dirichlet", "alpha[1]", v);
      expectInvalidParameter(
        () => fillDirichlet(s, [v, 1], new Float64Array(4)),
        "fillDirichlet",
        "alpha[0]",
        v,
      );
    }
    expectInvalidParameter(() => dirichlet(s, []), "dirichlet", "alpha", []);
    expectInvalidParameter(
      () => dirichlet(s, [1e308, 1e308]),
      "dirichlet",
      "alpha",
      [1e308, 1e308],
    );
    expectInvalidParameter(
      () => dirichlet(s, [1, 2], new Float64Array(3)),
      "dirichlet",
      "out.length",
      3,
    );
    expectInvalidParameter(
      () => fillDirichlet(s, [1, 2], new Float64Array(5)),
      "fillDirichlet",
      "out.length",
      5,
    );
    const notArray = [0, 0] as unknown as Float64Array;
    expectInvalidParameter(
      () => fillDirichlet(s, [1, 2], notArray),
      "fillDirichlet",
      "out",
      notArray,
    );
  });
});
