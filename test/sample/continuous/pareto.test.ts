/**
 * Pareto type I sampler (inversion). Seeds: derive("test/sample/pareto", <label>), labels in the
 * test names and logged.
 *
 * Moments: the mean is finite for shape > 1 and the variance for shape > 2, but a CLT z-test of
 * the plain mean is calibrated only when single huge draws cannot cross the tolerance. That
 * big-jump probability n·P(X − μ > zσ√n) is ≈ 3e-5 for shape 3 (scale 2) — far above α — and
 * ≈ 1.1e-9 for shape 5 (scale 0.5). So the plain mean is z-tested for shape 5 only; for every
 * shape the clipped mean E[min(X, 50·scale)] (closed form) is checked with Bernstein's inequality
 * using the exact clipped variance (bounded summands: rigorous level α). No plain variance check:
 * for shape ≤ 4 μ₄ is infinite, and for shape 5 the sample variance's big-jump probability is
 * ≈ 1e-3 (μ₆ = ∞).
 *
 * Statistical checks, each at α = 1e-6 and two-sided: 3 clipped means, 1 mean, 3 KS tests, 1
 * binomial check near the lower bound — 8 checks, file false-alarm probability ≤ 8e-6.
 */
import { describe, expect, it } from "vitest";
import { fillPareto, pareto } from "../../../src/sample/pareto.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectBoundedMean, expectKs, expectMean, seeded, Z } from "../stats.ts";

const paretoCdf = (x: number, shape: number, scale: number) =>
  x <= scale ? 0 : -Math.expm1(shape * Math.log(scale / x));

/** E[min(X, c)] and E[min(X, c)²] for X ~ Pareto(shape, scale), c > scale (shape ∉ {1, 2}). */
function clippedMoments(a: number, s: number, c: number): { mean: number; second: number } {
  const mean = s + (s ** a * (c ** (1 - a) - s ** (1 - a))) / (1 - a);
  const second = s * s + (2 * s ** a * (c ** (2 - a) - s ** (2 - a))) / (2 - a);
  return { mean, second };
}

describe("pareto: moments and KS", () => {
  const settings: [shape: number, scale: number][] = [
    [1.5, 1],
    [3, 2],
    [5, 0.5],
  ];
  for (const [a, scale] of settings) {
    const label = `shape-${a}-scale-${scale}`;
    it(`Pareto(${a}, ${scale}), n = 2e5 [seed test/sample/pareto ${label}]`, () => {
      const n = 200_000;
      const x = fillPareto(seeded("pareto", label), new Float64Array(n), a, scale);
      let below = 0;
      for (const v of x) if (!(v >= scale)) below++;
      expect(below, `${label}: draws below scale`).toBe(0);
      const c = 50 * scale;
      const m = clippedMoments(a, scale, c);
      expectBoundedMean(
        x.map((v) => Math.min(v, c)),
        m.mean,
        m.second - m.mean * m.mean,
        c - scale,
        `${label} clipped at ${c}`,
      );
      if (a === 5) {
        const sigma2 = (scale * scale * a) / ((a - 1) ** 2 * (a - 2));
        expectMean(x, (a * scale) / (a - 1), sigma2, label);
      }
      expectKs(x, (v) => paretoCdf(v, a, scale), label);
    });
  }

  it("P(X < 1.001·scale) = 1 − 1.001^-shape near the lower bound [seed test/sample/pareto near-min]", () => {
    const n = 200_000;
    const x = fillPareto(seeded("pareto", "near-min"), new Float64Array(n), 3, 2);
    const p = paretoCdf(2.002, 3, 2);
    let count = 0;
    for (const v of x) if (v < 2.002) count++;
    expect(Math.abs(count - n * p)).toBeLessThanOrEqual(Z * Math.sqrt(n * p * (1 - p)));
  });
});

describe("pareto: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => [pareto(s, 1.5), pareto(s, 3, 2)]);
    assertSameOutputGivenSameSeed((s) => fillPareto(s, new Float64Array(200), 0.5, 10));
  });

  it("fill equals repeated single draws", () => {
    assertFillMatchesSingle(
      (s, out: Float64Array) => fillPareto(s, out, 2.5, 3),
      (s) => pareto(s, 2.5, 3),
      (n) => new Float64Array(n),
    );
  });
});

describe("pareto: validation", () => {
  const s = seeded("pareto", "validation");
  it("rejects non-positive or non-finite shape and scale", () => {
    const bad = [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const v of bad) {
      expectInvalidParameter(() => pareto(s, v), "pareto", "shape", v);
      expectInvalidParameter(() => pareto(s, 2, v), "pareto", "scale", v);
      expectInvalidParameter(() => fillPareto(s, new Float64Array(1), v), "fillPareto", "shape", v);
      expectInvalidParameter(
        () => fillPareto(s, new Float64Array(1), 2, v),
        "fillPareto",
        "scale",
        v,
      );
    }
    const notArray = [] as unknown as Float64Array;
    expectInvalidParameter(() => fillPareto(s, notArray, 2), "fillPareto", "out", notArray);
  });
});
