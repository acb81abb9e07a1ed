import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chiSquareGofTest,
  kolmogorovSmirnovSf,
  ksTest,
  normalCdf,
  poolSmallCells,
  studentTCdf,
} from "../../src/numeric/index.ts";
import {
  AccuracyCheck,
  EPS,
  type FixtureNumber,
  loadFixture,
  num,
  type Tolerance,
} from "./accuracy.ts";

interface KsCase {
  args: [number, number];
  scipy: FixtureNumber;
  mp: FixtureNumber;
}
interface KsSample {
  name: string;
  method: string;
  sample: number[];
  statistic: number;
  pValue: number;
}
interface ChiCase {
  name: string;
  observed: number[];
  expected: number[];
  rawObserved?: number[];
  rawExpected?: number[];
  ddof: number;
  statistic: number;
  pValue: number;
}
const fx = loadFixture<{ kstwoSf: KsCase[]; kstest: KsSample[]; chisquare: ChiCase[] }>("gof.json");

/** Which algorithm kolmogorovSmirnovSf uses at (d, n) (mirrors src/numeric/gof.ts). */
function ksMethod(d: number, n: number): "exact" | "miller" | "pelz-good" {
  const t = n * d;
  const nd2 = t * d;
  if (d >= 1 || t <= 1 || t >= n - 1 || d >= 0.5) return "exact";
  if (n <= 140) return nd2 <= 4 ? "exact" : "miller";
  if (nd2 >= 370) return "exact"; // 0, the true value is below 1e-320
  if (nd2 >= 2.2) return "miller";
  return n <= 100_000 && n * d ** 1.5 <= 1.4 ? "exact" : "pelz-good";
}

/**
 * Exact methods: the Durbin matrix yields the cdf, so 1 − cdf carries an absolute error of a few
 * dozen ε (m·log₂n roundings; seen 12 ε vs mpmath, 36 ε vs scipy's Pomeranz); the
 * Birnbaum–Tingey / Ruben–Gambino forms are relative, up to the exponent rounding of tiny
 * values: 8 ε·max(1, |ln v|) relative or 64 ε absolute.
 */
const KS_EXACT_TOL: Tolerance = { rel: 8, logScaled: true, abs: 64 * EPS };

describe("kolmogorovSmirnovSf (fixture gof.json)", () => {
  it("agrees with scipy.stats.kstwo.sf everywhere (same algorithm split)", () => {
    const chk = new AccuracyCheck("kolmogorovSmirnovSf");
    for (const c of fx.kstwoSf) {
      const [d, n] = c.args;
      chk.check([d, n], kolmogorovSmirnovSf(d, n), num(c.scipy), KS_EXACT_TOL);
    }
    expect(chk.failures).toEqual([]);
    expect(fx.kstwoSf.length).toBeGreaterThan(300);
  });

  it("exact regions agree with a 40-digit Durbin-matrix / Birnbaum–Tingey evaluation", () => {
    const chk = new AccuracyCheck("kolmogorovSmirnovSf");
    let compared = 0;
    for (const c of fx.kstwoSf) {
      const [d, n] = c.args;
      if (c.mp === null || ksMethod(d, n) !== "exact") continue;
      chk.check([d, n], kolmogorovSmirnovSf(d, n), num(c.mp), KS_EXACT_TOL);
      compared++;
    }
    expect(chk.failures).toEqual([]);
    expect(compared).toBeGreaterThan(200);
  });

  it("approximate regions stay within their documented error of the exact value", () => {
    // Pelz–Good (n > 140, small nd²): ~5 significant digits at n = 141, improving with n
    // (Simard & L'Ecuyer 2011, §4); seen 1.1e-5. Miller's 2·P(D⁺ ≥ d) drops the probability of
    // crossing both bands, relative error ≈ e^{−6nd²} ≤ 2e-6 for nd² ≥ 2.2 (seen 1e-6).
    let compared = 0;
    for (const c of fx.kstwoSf) {
      const [d, n] = c.args;
      const method = ksMethod(d, n);
      if (c.mp === null || method === "exact") continue;
      const exact = num(c.mp);
      const rounding = 8 * EPS * Math.max(1, Math.abs(Math.log(exact)));
      const bound = (method === "miller" ? 2 * Math.exp(-6 * n * d * d) : 2e-5) + rounding;
      const rel = Math.abs(kolmogorovSmirnovSf(d, n) - exact) / exact;
      expect(rel, `kolmogorovSmirnovSf(${d}, ${n}) [${method}] vs exact ${exact}`).toBeLessThan(
        bound,
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("is a survival function: 1 at d ≤ 0, 0 at d ≥ 1, non-increasing in d", () => {
    expect(kolmogorovSmirnovSf(0, 10)).toBe(1);
    expect(kolmogorovSmirnovSf(-1, 10)).toBe(1);
    expect(kolmogorovSmirnovSf(1, 10)).toBe(0);
    expect(kolmogorovSmirnovSf(0.5 / 7, 7)).toBe(1);
    expect(kolmogorovSmirnovSf(0.3, 1)).toBe(1); // D_1 ≥ ½ always
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        (n, d, h) => {
          const a = kolmogorovSmirnovSf(d, n);
          const b = kolmogorovSmirnovSf(Math.min(1, d + h), n);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1);
          // Different algorithms meet at region borders: allow their approximation error.
          expect(b).toBeLessThanOrEqual(a * (1 + 2e-5) + 64 * EPS);
        },
      ),
      { seed: 41, numRuns: 300 },
    );
  });
});

describe("ksTest vs scipy.stats.kstest", () => {
  it("statistic and p-value on the fixture samples", () => {
    for (const s of fx.kstest) {
      const copy = s.sample.slice();
      const r = ksTest(s.sample, (x) => normalCdf(x));
      expect(s.sample).toEqual(copy); // input untouched
      expect(r.n).toBe(s.sample.length);
      // D is a max of i/n − Φ(x): Φ differs from scipy's ndtr by a few ulp.
      expect(Math.abs(r.statistic - s.statistic), `${s.name} statistic`).toBeLessThanOrEqual(
        8 * EPS,
      );
      // p = kstwo.sf(D, n): relative sensitivity to D is ~4nD·δD < 1e-13 here.
      expect(Math.abs(r.pValue - s.pValue) / s.pValue, `${s.name} p-value`).toBeLessThan(1e-12);
    }
  });

  it("works on typed arrays and does not mutate them", () => {
    const x = Float64Array.from([0.3, -1.2, 2.5, 0.1, -0.4]);
    const before = Array.from(x);
    const r = ksTest(x, (v) => studentTCdf(v, 3));
    expect(Array.from(x)).toEqual(before);
    expect(r.statistic).toBeGreaterThan(0);
    expect(r.pValue).toBeGreaterThan(0.5);
  });

  it("a grossly wrong null is rejected", () => {
    const x = Array.from({ length: 200 }, (_, i) => (i + 0.5) / 200 + 3); // Uniform(3, 4) grid
    const r = ksTest(x, (v) => normalCdf(v));
    expect(r.statistic).toBeGreaterThan(0.99);
    expect(r.pValue).toBeLessThan(1e-100);
  });
});

describe("chiSquareGofTest / poolSmallCells vs scipy.stats.chisquare", () => {
  it("statistic, df and p-value on the fixture tables", () => {
    for (const c of fx.chisquare) {
      if (c.name === "poisson-pooled") continue;
      const r = chiSquareGofTest(c.observed, c.expected, { ddof: c.ddof });
      expect(r.df).toBe(c.observed.length - 1 - c.ddof);
      expect(Math.abs(r.statistic - c.statistic) / c.statistic, c.name).toBeLessThanOrEqual(
        16 * EPS,
      );
      // p = Q(df/2, X²/2): 16 ε·|ln p| (incomplete gamma) plus the statistic's rounding
      // amplified by the relative sensitivity X²·f(X²)/p.
      expect(Math.abs(r.pValue - c.pValue) / c.pValue, c.name).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(Math.log(c.pValue))),
      );
    }
  });

  it("pooling a Poisson table matches an independent pooling + scipy", () => {
    const c = fx.chisquare.find((t) => t.name === "poisson-pooled");
    if (!c?.rawObserved || !c.rawExpected) throw new Error("fixture poisson-pooled missing");
    const pooled = poolSmallCells(c.rawObserved, c.rawExpected, 5);
    expect(Array.from(pooled.observed)).toEqual(c.observed);
    for (let i = 0; i < c.expected.length; i++) {
      expect(Math.abs(pooled.expected[i] - c.expected[i])).toBeLessThanOrEqual(
        8 * EPS * c.expected[i],
      );
    }
    const r = chiSquareGofTest(pooled.observed, pooled.expected);
    expect(Math.abs(r.pValue - c.pValue) / c.pValue).toBeLessThan(1e-12);
  });

  it("poolSmallCells: totals preserved, order kept, every cell ≥ minExpected", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 50 }), fc.double({ min: 0, max: 20, noNaN: true })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        (cells, minExpected) => {
          const o = cells.map((c) => c[0]);
          const e = cells.map((c) => c[1]);
          const r = poolSmallCells(o, e, minExpected);
          const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
          expect(r.observed.length).toBe(r.expected.length);
          expect(sum(r.observed)).toBe(sum(o));
          expect(Math.abs(sum(r.expected) - sum(e))).toBeLessThanOrEqual(1e-12 * (1 + sum(e)));
          if (sum(e) >= minExpected) {
            for (const v of r.expected) expect(v).toBeGreaterThanOrEqual(minExpected * (1 - 1e-12));
          } else {
            expect(r.expected.length).toBe(1);
          }
        },
      ),
      { seed: 42, numRuns: 500 },
    );
    const r = poolSmallCells([1, 2, 30, 40, 3, 1], [0.5, 2, 30, 40, 2.5, 1]);
    // 0.5 + 2 + 30 closes the first group, 40 the second; the short tail (2.5 + 1) joins it.
    expect(Array.from(r.observed)).toEqual([33, 44]);
    expect(Array.from(r.expected)).toEqual([32.5, 43.5]);
  });
});
