/**
 * Continuous uniform sampler on [low, high). Seeds: derive("test/sample/uniform", <label>), labels
 * in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6 and two-sided: 3 means, 3 variances (CLT on bounded
 * summands), 3 KS tests — 9 checks, file false-alarm probability ≤ 9e-6. The half-open-interval
 * checks are deterministic.
 */
import { describe, expect, it } from "vitest";
import { fillUniform, uniform } from "../../../src/sample/uniform.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectKs, expectMean, expectVariance, seeded } from "../stats.ts";

describe("uniform: moments and KS", () => {
  const settings: [low: number, high: number][] = [
    [0, 1],
    [-3, 5],
    [1e6, 1e6 + 0.5],
  ];
  for (const [low, high] of settings) {
    const label = `low-${low}-high-${high}`;
    it(`U[${low}, ${high}), n = 2e5 [seed test/sample/uniform ${label}]`, () => {
      const n = 200_000;
      const x = fillUniform(seeded("uniform", label), new Float64Array(n), low, high);
      const w = high - low;
      for (const v of x) if (!(v >= low && v < high)) expect(v, `${label}: outside`).toBe(low);
      expectMean(x, (low + high) / 2, (w * w) / 12, label);
      expectVariance(x, (w * w) / 12, w ** 4 / 80, label);
      expectKs(x, (v) => Math.min(1, Math.max(0, (v - low) / w)), label);
    });
  }

  it("never returns high, even when rounding would carry to it [seed test/sample/uniform half-open]", () => {
    const s = seeded("uniform", "half-open");
    // [1, 1 + 4 ulp): low + w·U rounds to 1 + 4 ulp = high for U ≥ 7/8; those draws are redrawn.
    const high = 1 + 4 * Number.EPSILON;
    const x = fillUniform(s, new Float64Array(100_000), 1, high);
    const seen = new Set<number>();
    let outside = 0;
    for (const v of x) {
      if (!(v >= 1 && v < high)) outside++;
      seen.add(v);
    }
    expect(outside).toBe(0);
    expect(seen.size).toBe(4);
    // Wide, nearly overflowing interval.
    const y = fillUniform(s, new Float64Array(10_000), -8e307, 8e307);
    for (const v of y) if (!(v >= -8e307 && v < 8e307)) outside++;
    expect(outside).toBe(0);
  });
});

describe("uniform: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => [uniform(s), uniform(s, -2, 7)]);
    assertSameOutputGivenSameSeed((s) => fillUniform(s, new Float64Array(200), 1, 1 + 1e-15));
  });

  it("fill equals repeated single draws (including redraws at the upper end)", () => {
    for (const [low, high] of [
      [0, 1],
      [1, 1 + 4 * Number.EPSILON],
    ]) {
      assertFillMatchesSingle(
        (s, out: Float64Array) => fillUniform(s, out, low, high),
        (s) => uniform(s, low, high),
        (n) => new Float64Array(n),
        { numRuns: 15 },
      );
    }
  });
});

describe("uniform: validation", () => {
  const s = seeded("uniform", "validation");
  it("rejects non-finite bounds, high ≤ low and overflowing widths", () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expectInvalidParameter(() => uniform(s, v, 1), "uniform", "low", v);
      expectInvalidParameter(() => uniform(s, 0, v), "uniform", "high", v);
      expectInvalidParameter(() => fillUniform(s, new Float64Array(1), v), "fillUniform", "low", v);
      expectInvalidParameter(
        () => fillUniform(s, new Float64Array(1), 0, v),
        "fillUniform",
        "high",
        v,
      );
    }
    expectInvalidParameter(() => uniform(s, 1, 1), "uniform", "high", 1);
    expectInvalidParameter(() => uniform(s, 2, -3), "uniform", "high", -3);
    expectInvalidParameter(
      () => uniform(s, -Number.MAX_VALUE, Number.MAX_VALUE),
      "uniform",
      "high",
      Number.MAX_VALUE,
    );
    const notArray = [0] as unknown as Float64Array;
    expectInvalidParameter(() => fillUniform(s, notArray), "fillUniform", "out", notArray);
  });
});
