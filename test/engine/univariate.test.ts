import { describe, expect, it } from "vitest";
import { univariateLogPdf } from "../../src/model/univariate.ts";

describe("mixture log-density", () => {
  const m = {
    kind: "mixture" as const,
    weights: Float64Array.from([0.5, 0.3, 0.2]),
    means: Float64Array.from([-2, 0, 5]),
    variances: Float64Array.from([1, 0.25, 4]),
  };
  const direct = (x: number) =>
    Math.log(
      m.weights.reduce(
        (s, w, j) =>
          s +
          (w * Math.exp((-0.5 * (x - m.means[j]) ** 2) / m.variances[j])) /
            Math.sqrt(2 * Math.PI * m.variances[j]),
        0,
      ),
    );

  it("equals ln Σ w_j N(x; μ_j, σ_j²) where the direct sum is representable", () => {
    // Both are a handful of correctly rounded operations on O(1) terms: 16ε relative (absolute
    // floor 16ε for log values near 0).
    for (const x of [-6, -2, -0.3, 0, 1.7, 5, 11]) {
      const a = univariateLogPdf(m, x);
      const e = direct(x);
      expect(Math.abs(a - e), `x=${x}: ${a} vs ${e}`).toBeLessThanOrEqual(
        16 * Number.EPSILON * Math.max(1, Math.abs(e)),
      );
    }
  });

  it("stays finite far in the tails, where every density underflows", () => {
    // At x = 1e3 the widest component dominates: ln(0.2) − ½ln(8π) − (995)²/8.
    const expected = Math.log(0.2) - 0.5 * Math.log(8 * Math.PI) - 995 ** 2 / 8;
    const a = univariateLogPdf(m, 1e3);
    expect(Math.abs(a - expected)).toBeLessThanOrEqual(16 * Number.EPSILON * Math.abs(expected));
    expect(univariateLogPdf({ ...m, weights: Float64Array.from([0, 1, 0]) }, 0)).toBe(
      univariateLogPdf({ kind: "gaussian", mean: 0, variance: 0.25 }, 0),
    );
  });
});
