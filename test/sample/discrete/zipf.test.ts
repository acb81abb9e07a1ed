/**
 * Bounded Zipf sampler (Hörmann–Derflinger rejection-inversion) and its exact pmf.
 * Seeds: derive("test/sample/discrete/zipf", <label>), labels in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6: 9 chi-square tests (s ∈ {0, 1.1, 2.5} ×
 * k ∈ {10, 1000, 1e6}) on the first cells one by one plus geometric tail bins — file false-alarm
 * probability ≤ 9e-6. The pmf checks, exact cases, laws and validation are deterministic.
 */
import { describe, expect, it } from "vitest";
import { derive } from "../../../src/rng/derive.ts";
import { fillZipf, ZIPF_MAX_K, zipf, zipfProbabilities } from "../../../src/sample/zipf.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectChiSquare, seeded } from "../stats.ts";

const N = 300_000;
const HEAD = 1000;

/**
 * Cells: values 1…min(k, HEAD) one by one, then the tail (HEAD, k] in bins whose edges grow by
 * 5 %; probabilities summed from `zipfProbabilities`.
 */
function binnedZipf(
  x: Int32Array,
  k: number,
  s: number,
): { obs: Float64Array; prob: Float64Array } {
  const pmf = zipfProbabilities(k, s);
  const edges: number[] = []; // first value of each cell
  for (let v = 1; v <= Math.min(k, HEAD); v++) edges.push(v);
  let e = HEAD + 1;
  while (e <= k) {
    edges.push(e);
    e = Math.max(e + 1, Math.floor(e * 1.05));
  }
  const cells = edges.length;
  const prob = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    const end = c + 1 < cells ? edges[c + 1] : k + 1;
    for (let v = edges[c]; v < end; v++) prob[c] += pmf[v - 1];
  }
  const cellOfValue = new Int32Array(k + 1);
  for (let c = 0; c < cells; c++) {
    const end = c + 1 < cells ? edges[c + 1] : k + 1;
    for (let v = edges[c]; v < end; v++) cellOfValue[v] = c;
  }
  const obs = new Float64Array(cells);
  for (const v of x) obs[cellOfValue[v]]++;
  return { obs, prob };
}

describe("zipf: chi-square against the exact pmf (α = 1e-6 each)", () => {
  for (const s of [0, 1.1, 2.5]) {
    for (const k of [10, 1000, 1_000_000]) {
      const label = `chi2-k${k}-s${s}`;
      it(`Zipf(k = ${k}, s = ${s}) [seed ${label}]`, () => {
        const x = fillZipf(seeded("discrete/zipf", label), new Int32Array(N), k, s);
        for (const v of x) if (!(v >= 1 && v <= k)) expect(v, `${label}: outside [1, k]`).toBe(1);
        const { obs, prob } = binnedZipf(x, k, s);
        expectChiSquare(obs, prob, label);
      });
    }
  }
});

describe("zipfProbabilities", () => {
  it("matches i^−s / Σ j^−s computed independently (k = 10, 1000; s = 0.5, 1, 1.1, 2.5)", () => {
    for (const k of [10, 1000]) {
      for (const s of [0.5, 1, 1.1, 2.5]) {
        const p = zipfProbabilities(k, s);
        // Reference: exp(−s·log i) (not `**`), summed from the tail.
        const terms = Array.from({ length: k }, (_, i) => Math.exp(-s * Math.log(i + 1)));
        const z = terms.reduceRight((a, b) => a + b, 0);
        for (let i = 0; i < k; i++) {
          expect(Math.abs(p[i] - terms[i] / z)).toBeLessThanOrEqual(1e-13 * p[i]);
        }
      }
    }
  });

  it("is uniform for s = 0 and sums to 1 to within a few ulps even for k = 1e6", () => {
    expect(zipfProbabilities(8, 0)).toStrictEqual(new Float64Array(8).fill(1 / 8));
    for (const s of [0, 0.7, 1.1, 3]) {
      const p = zipfProbabilities(1_000_000, s);
      // Neumaier-compensated sum, so the check measures the pmf, not this loop's rounding.
      let sum = 0;
      let comp = 0;
      for (const v of p) {
        const t = sum + v;
        comp += Math.abs(sum) >= v ? sum - t + v : v - t + sum;
        sum = t;
      }
      expect(Math.abs(sum + comp - 1)).toBeLessThanOrEqual(1e-14);
      expect(p[999_999] / p[0]).toBeCloseTo(1_000_000 ** -s, 12);
    }
  });

  it("validates k and s", () => {
    expectInvalidParameter(() => zipfProbabilities(0, 1), "zipfProbabilities", "k", 0);
    expectInvalidParameter(() => zipfProbabilities(2 ** 27, 1), "zipfProbabilities", "k", 2 ** 27);
    expectInvalidParameter(() => zipfProbabilities(5, -1), "zipfProbabilities", "s", -1);
  });
});

describe("zipf: exact cases", () => {
  it("k = 1 always gives 1; s = 60 is (to 1e-18) a point mass at 1", () => {
    const s = derive("test/sample/discrete/zipf", "exact");
    expect(fillZipf(s, new Int32Array(50), 1, 2.5)).toStrictEqual(new Int32Array(50).fill(1));
    expect(fillZipf(s, new Int32Array(50), 1000, 60)).toStrictEqual(new Int32Array(50).fill(1));
  });
  it("draws stay in [1, k] at k = 2^31 − 1", () => {
    const s = derive("test/sample/discrete/zipf", "max-k");
    for (const sh of [0, 0.5, 1, 1.0000001, 2]) {
      for (const v of fillZipf(s, new Int32Array(2000), ZIPF_MAX_K, sh)) {
        if (!(v >= 1 && v <= ZIPF_MAX_K)) expect([sh, v]).toBe("in range");
      }
    }
  });
});

describe("zipf: laws", () => {
  for (const [k, s] of [
    [10, 0],
    [1000, 1],
    [100_000, 1.1],
  ]) {
    it(`same seed ⇒ same draws; fill = repeated single draws (k = ${k}, s = ${s})`, () => {
      assertSameOutputGivenSameSeed((st) => [zipf(st, k, s), zipf(st, k, s)], {
        key: `zipf-${k}-${s}`,
      });
      assertFillMatchesSingle(
        (st, out: Int32Array) => fillZipf(st, out, k, s),
        (st) => zipf(st, k, s),
        (len) => new Int32Array(len),
        { key: `fillZipf-${k}-${s}` },
      );
    });
  }
});

describe("zipf: validation", () => {
  const st = derive("test/sample/discrete/zipf", "validation");
  it("rejects bad k and s", () => {
    for (const k of [0, -3, 2.5, Number.NaN, ZIPF_MAX_K + 1]) {
      expectInvalidParameter(() => zipf(st, k, 1), "zipf", "k", k);
      expectInvalidParameter(() => fillZipf(st, new Int32Array(1), k, 1), "fillZipf", "k", k);
    }
    for (const s of [-0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectInvalidParameter(() => zipf(st, 10, s), "zipf", "s", s);
      expectInvalidParameter(() => fillZipf(st, new Int32Array(1), 10, s), "fillZipf", "s", s);
    }
  });
  it("rejects a non-Int32Array output", () => {
    const bad = new Float64Array(1) as unknown as Int32Array;
    expectInvalidParameter(() => fillZipf(st, bad, 10, 1), "fillZipf", "out", bad);
  });
});
