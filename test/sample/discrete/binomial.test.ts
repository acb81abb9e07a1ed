/**
 * Binomial sampler (numpy's inversion for n·min(p, 1 − p) ≤ 30, BTPE above).
 * Seeds: derive("test/sample/discrete/binomial", <label>), labels in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6: 13 chi-square tests against the exact pmf, 6 means and
 * 6 variances — 25 checks, file false-alarm probability ≤ 2.5e-5. The deterministic checks
 * (laws, exact cases, validation) cannot false-alarm.
 */
import { describe, expect, it } from "vitest";
import { binomialCdf, binomialPmf, binomialSf } from "../../../src/numeric/index.ts";
import { derive } from "../../../src/rng/derive.ts";
import { BINOMIAL_MAX_N, binomial, fillBinomial } from "../../../src/sample/binomial.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import {
  expectBinnedChiSquare,
  expectIntegerChiSquare,
  expectMean,
  expectVariance,
  normalGridEdges,
  seeded,
} from "../stats.ts";

const N = 200_000;

/** Chi-square against binomialPmf on a ±8σ window (plus tails), or binned when σ is large. */
function chiSquareBinomial(x: Int32Array, n: number, p: number, label: string): void {
  for (const v of x) {
    if (!(Number.isInteger(v) && v >= 0 && v <= n)) expect(v, `${label}: outside [0, n]`).toBe(0);
  }
  const mu = n * p;
  const sigma = Math.sqrt(n * p * (1 - p));
  if (sigma > 2000) {
    expectBinnedChiSquare(
      x,
      (k) => binomialCdf(k, n, p),
      (k) => binomialSf(k, n, p),
      normalGridEdges(mu, sigma),
      label,
    );
    return;
  }
  const lo = Math.max(0, Math.floor(mu - 8 * sigma - 2));
  const hi = Math.min(n, Math.ceil(mu + 8 * sigma + 2));
  expectIntegerChiSquare(
    x,
    (k) => binomialPmf(k, n, p),
    lo,
    hi,
    binomialCdf(lo - 1, n, p),
    binomialSf(hi, n, p),
    label,
  );
}

describe("binomial: chi-square against the exact pmf (α = 1e-6 each)", () => {
  const settings: [n: number, p: number, why: string][] = [
    [1, 0.3, "tiny n"],
    [2, 0.5, "tiny n, p = 1/2"],
    [7, 0.1, "tiny n, small p"],
    [100, 0.29, "n·p = 29: inversion"],
    [100, 0.31, "n·p = 31: BTPE"],
    [60, 0.5, "n·p' = 30 exactly: inversion (numpy's ≤ 30)"],
    [62, 0.5, "n·p' = 31: BTPE"],
    [100, 0.71, "p > 1/2, flipped inversion"],
    [1000, 0.9, "p > 1/2, flipped BTPE"],
    [1_000_000_000, 2e-8, "n = 1e9, n·p = 20: inversion with huge n"],
    [1_000_000_000, 1e-7, "n = 1e9, n·p = 100: BTPE"],
    [1_000_000_000, 0.3, "n = 1e9, p = 0.3: BTPE, binned"],
    [BINOMIAL_MAX_N, 0.999, "n = 2^31 − 1, p = 0.999: flipped BTPE at the limit"],
  ];
  for (const [n, p, why] of settings) {
    const label = `chi2-n${n}-p${p}`;
    it(`Binomial(${n}, ${p}) — ${why} [seed ${label}]`, () => {
      const x = fillBinomial(seeded("discrete/binomial", label), new Int32Array(N), n, p);
      chiSquareBinomial(x, n, p, label);
    });
  }
});

describe("binomial: mean and variance (α = 1e-6 each)", () => {
  const settings: [n: number, p: number][] = [
    [20, 0.05],
    [100, 0.29],
    [100, 0.31],
    [1000, 0.75],
    [1_000_000_000, 0.3],
    [BINOMIAL_MAX_N, 0.5],
  ];
  for (const [n, p] of settings) {
    const label = `moments-n${n}-p${p}`;
    it(`Binomial(${n}, ${p}) [seed ${label}]`, () => {
      const x = fillBinomial(seeded("discrete/binomial", label), new Int32Array(N), n, p);
      const v = n * p * (1 - p);
      // Fourth central moment of the binomial: 3v² + v(1 − 6p(1 − p)).
      const mu4 = 3 * v * v + v * (1 - 6 * p * (1 - p));
      expectMean(x, n * p, v, label);
      expectVariance(x, v, mu4, label);
    });
  }
});

describe("binomial: exact cases", () => {
  it("n = 0, p = 0 and p = 1 are exact and consume no randomness", () => {
    const s = derive("test/sample/discrete/binomial", "exact");
    const before = s.state();
    for (const n of [0, 1, 17, 1000, BINOMIAL_MAX_N]) {
      expect(binomial(s, n, 0)).toBe(0);
      expect(binomial(s, n, 1)).toBe(n);
      expect(binomial(s, 0, 0.5)).toBe(0);
    }
    expect(fillBinomial(s, new Int32Array(5), 9, 1)).toStrictEqual(new Int32Array(5).fill(9));
    expect(fillBinomial(s, new Int32Array(5), 9, 0)).toStrictEqual(new Int32Array(5));
    expect(s.state()).toStrictEqual(before);
  });

  it("draws are integers in [0, n] across both regimes and the flip", () => {
    const s = derive("test/sample/discrete/binomial", "range");
    for (const [n, p] of [
      [1, 0.5],
      [3, 0.999],
      [50, 0.6],
      [45, 0.5],
      [10_000, 0.5],
      [10_000, 1e-9],
    ]) {
      for (let i = 0; i < 2000; i++) {
        const v = binomial(s, n, p);
        if (!(Number.isInteger(v) && v >= 0 && v <= n)) expect([n, p, v]).toBe("in range");
      }
    }
  });
});

describe("binomial: laws", () => {
  const cases: [number, number][] = [
    [10, 0.3],
    [100, 0.31],
    [1000, 0.9],
    [40, 0.999],
  ];
  for (const [n, p] of cases) {
    it(`same seed ⇒ same draws; fill = repeated single draws (n = ${n}, p = ${p})`, () => {
      assertSameOutputGivenSameSeed((s) => [binomial(s, n, p), binomial(s, n, p)], {
        key: `binomial-${n}-${p}`,
      });
      assertFillMatchesSingle(
        (s, out: Int32Array) => fillBinomial(s, out, n, p),
        (s) => binomial(s, n, p),
        (len) => new Int32Array(len),
        { key: `fillBinomial-${n}-${p}` },
      );
    });
  }

  it("interleaving parameters does not change a draw (the BTPE cache is invisible)", () => {
    const a = derive("test/sample/discrete/binomial", "cache");
    const b = derive("test/sample/discrete/binomial", "cache");
    const seq: number[] = [];
    for (let i = 0; i < 50; i++) {
      seq.push(binomial(a, 500, 0.2));
      seq.push(binomial(a, 700, 0.4));
    }
    const other: number[] = [];
    for (let i = 0; i < 50; i++) {
      other.push(fillBinomial(b, new Int32Array(1), 500, 0.2)[0]);
      other.push(fillBinomial(b, new Int32Array(1), 700, 0.4)[0]);
    }
    expect(seq).toStrictEqual(other);
  });
});

describe("binomial: validation", () => {
  const s = derive("test/sample/discrete/binomial", "validation");
  it("rejects bad n", () => {
    for (const n of [2.5, -1, Number.NaN, Number.POSITIVE_INFINITY, BINOMIAL_MAX_N + 1]) {
      expectInvalidParameter(() => binomial(s, n, 0.5), "binomial", "n", n);
      expectInvalidParameter(
        () => fillBinomial(s, new Int32Array(2), n, 0.5),
        "fillBinomial",
        "n",
        n,
      );
    }
  });
  it("rejects bad p", () => {
    for (const p of [-0.1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expectInvalidParameter(() => binomial(s, 10, p), "binomial", "p", p);
      expectInvalidParameter(
        () => fillBinomial(s, new Int32Array(2), 10, p),
        "fillBinomial",
        "p",
        p,
      );
    }
  });
  it("rejects a non-Int32Array output", () => {
    const bad = new Float64Array(2) as unknown as Int32Array;
    expectInvalidParameter(() => fillBinomial(s, bad, 10, 0.5), "fillBinomial", "out", bad);
  });
  it("has the documented message", () => {
    expect(() => binomial(s, 2.5, 0.5)).toThrow(
      "binomial: n must be an integer in [0, 2147483647], got 2.5",
    );
  });
});
