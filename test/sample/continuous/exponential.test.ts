/**
 * Exponential sampler (ziggurat). Seeds: derive("test/sample/exponential", <label>), labels in the
 * test names and logged.
 *
 * Statistical checks, each at α = 1e-6: 3 means, 3 variances (CLT; the summands' skewness is 2
 * for the mean and ≈ 10.6 for the squared deviations; the checks are two-sided, so the
 * O(n^-1/2) Edgeworth term cancels and the O(1/n) terms lift the variance checks' level to
 * ≈ 1.1e-6), 3 KS tests and 1 chi-square over layer cells plus tail cells — 10 checks,
 * false-alarm probability ≤ 1.1e-5.
 */
import { describe, expect, it } from "vitest";
import {
  exponential,
  exponentialZigguratTables,
  fillExponential,
} from "../../../src/sample/exponential.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { cellOf, expectChiSquare, expectKs, expectMean, expectVariance, seeded } from "../stats.ts";

describe("exponential: ziggurat tables", () => {
  const t = exponentialZigguratTables();

  it("reproduce Marsaglia & Tsang's r = 7.69711747013104972 and v = 0.0039496598225815571993", () => {
    // The paper's digits, rounded to the nearest doubles.
    expect(Math.abs(t.r - 7.69711747013105)).toBeLessThanOrEqual(4 * 2 ** -50);
    expect(Math.abs(t.v - 0.003949659822581557) / t.v).toBeLessThanOrEqual(1e-13);
    // v = r·e^(−r) + ∫_r^∞ e^(−x) dx.
    expect(t.v).toBe(Math.exp(-t.r) * (t.r + 1));
    expect(Math.abs(t.closureResidual)).toBeLessThanOrEqual(1e-14);
  });

  it("has 256 layers of equal area v and consistent thresholds", () => {
    expect(t.x[0]).toBe(0);
    expect(t.x[255]).toBe(t.r);
    expect(Math.abs(t.q * Math.exp(-t.r) - t.v) / t.v).toBeLessThanOrEqual(1e-14);
    for (let i = 1; i < 256; i++) {
      expect(t.x[i]).toBeGreaterThan(t.x[i - 1]);
      const area = t.x[i] * (Math.exp(-t.x[i - 1]) - Math.exp(-t.x[i]));
      expect(Math.abs(area - t.v) / t.v, `layer ${i}`).toBeLessThanOrEqual(1e-11);
      expect(t.ki[i]).toBe(Math.floor((2 ** 53 * t.x[i - 1]) / t.x[i]));
    }
    expect(t.ki[1]).toBe(0);
  });
});

describe("exponential: moments and KS", () => {
  for (const rate of [1, 0.25, 40]) {
    const label = `rate-${rate}`;
    it(`Exp(${rate}), n = 2e5 [seed test/sample/exponential ${label}]`, () => {
      const n = 200_000;
      const x = fillExponential(seeded("exponential", label), new Float64Array(n), rate);
      const sigma2 = 1 / (rate * rate);
      expectMean(x, 1 / rate, sigma2, label);
      expectVariance(x, sigma2, 9 / rate ** 4, label);
      expectKs(x, (v) => (v <= 0 ? 0 : -Math.expm1(-rate * v)), label);
    });
  }
});

describe("exponential: ziggurat code paths", () => {
  it("layer cells and the tail beyond r fit, 1e7 draws [seed test/sample/exponential layers-and-tail]", () => {
    const t = exponentialZigguratTables();
    const r = t.r;
    // Cells [x_{i−1}, x_i) for the 255 layers (the wedge decides there), then the tail split
    // into [r, r + 1), [r + 1, r + 2), [r + 2, r + 4), [r + 4, ∞): the tail code is r + Exp(1).
    const edges = new Float64Array(258);
    edges.set(t.x.subarray(1), 0);
    edges.set([r + 1, r + 2, r + 4], 255);
    const counts = new Float64Array(edges.length + 1);
    const s = seeded("exponential", "layers-and-tail");
    const chunk = new Float64Array(1_000_000);
    for (let c = 0; c < 10; c++) {
      fillExponential(s, chunk);
      for (let i = 0; i < chunk.length; i++) counts[cellOf(edges, chunk[i])]++;
    }
    const p = new Float64Array(counts.length);
    let prev = 1;
    for (let j = 0; j < edges.length; j++) {
      const sf = Math.exp(-edges[j]);
      p[j] = prev - sf;
      prev = sf;
    }
    p[edges.length] = prev;
    const result = expectChiSquare(counts, p, "exponential layers and tail");
    expect(result.cells).toBe(259);
    console.log(`exponential tail cells: ${Array.from(counts.subarray(255)).join(", ")}`);
  });

  it("has an unbounded tail: fillExponential equals repeated exponential() over 1e5 draws", () => {
    const n = 100_000;
    const a = fillExponential(seeded("exponential", "fill-long"), new Float64Array(n), 2);
    const s = seeded("exponential", "fill-long");
    for (let i = 0; i < n; i++) {
      const v = exponential(s, 2);
      if (!Object.is(v, a[i])) expect(v, `draw ${i}`).toBe(a[i]);
    }
  });
});

describe("exponential: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => [exponential(s), exponential(s, 3.5)]);
    assertSameOutputGivenSameSeed((s) => fillExponential(s, new Float64Array(300), 0.5));
  });

  it("fill equals repeated single draws", () => {
    assertFillMatchesSingle(
      (s, out: Float64Array) => fillExponential(s, out, 0.7),
      (s) => exponential(s, 0.7),
      (n) => new Float64Array(n),
    );
  });
});

describe("exponential: validation", () => {
  const s = seeded("exponential", "validation");
  it("rejects non-positive or non-finite rates", () => {
    for (const rate of [
      0,
      -0,
      -2,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]) {
      expectInvalidParameter(() => exponential(s, rate), "exponential", "rate", rate);
      expectInvalidParameter(
        () => fillExponential(s, new Float64Array(1), rate),
        "fillExponential",
        "rate",
        rate,
      );
    }
    const notArray = new Float32Array(2) as unknown as Float64Array;
    expectInvalidParameter(() => fillExponential(s, notArray), "fillExponential", "out", notArray);
  });
});
