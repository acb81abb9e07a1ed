/**
 * The ECDF and its distance to the diagonal (src/report/run/ecdf.ts), which calibration.json and the
 * calibration chart report for each claim's adjusted p-values: exact on small samples with ties
 * (against a brute-force evaluation of F_n), and on a uniform sample within the DKW band.
 */
import { describe, expect, it } from "vitest";
import { dkwEpsilon, ecdf, ecdfDistance } from "../../src/report/run/ecdf.ts";
import { RandomStream } from "../../src/rng/index.ts";
import { InvalidParameterError } from "../../src/util/validate.ts";

/** F_n(u) by counting. */
const cdfAt = (values: readonly number[], u: number) =>
  values.filter((v) => v <= u).length / values.length;

/**
 * sup (F_n(u) − u) and sup |F_n(u) − u| by brute force: F_n − u only decreases between jumps, so
 * the suprema are approached at the sample points (from the right: F_n(x); from the left: the
 * count of values < x) and at u = 0 and 1.
 */
function bruteForce(values: readonly number[]): { above: number; absolute: number } {
  let above = 0;
  let absolute = 0;
  for (const x of [0, 1, ...values]) {
    const right = cdfAt(values, x) - x;
    const left = values.filter((v) => v < x).length / values.length - x;
    above = Math.max(above, right);
    absolute = Math.max(absolute, Math.abs(right), Math.abs(left));
  }
  return { above, absolute };
}

describe("ecdf", () => {
  it("gives F_n at each distinct value, ties counted at once, in increasing order", () => {
    const values = [0.5, 0.1, 1, 0.5, 0.3, 1, 1];
    const points = ecdf(values);
    expect(points.map((p) => p.x)).toEqual([0.1, 0.3, 0.5, 1]);
    for (const p of points) expect(p.f, `F_n(${p.x})`).toBe(cdfAt(values, p.x));
  });
});

describe("ecdfDistance", () => {
  it("equals the brute-force suprema on small samples with ties, values at 0 and 1 included", () => {
    const samples = [
      [0.2],
      [1, 1, 1],
      [0, 0, 0.9],
      [0.05, 0.05, 0.4, 0.7, 1, 1],
      [0.9, 0.1, 0.5, 0.5, 0.3],
    ];
    for (const values of samples) {
      const got = ecdfDistance(values);
      const want = bruteForce(values);
      // Both compute i/n − x for the same i and x: equal to the last bit.
      expect(got, JSON.stringify(values)).toEqual(want);
    }
  });

  it("a uniform sample's ECDF sits on the diagonal within its DKW band (false-alarm probability 1e-3)", () => {
    // Massart: P(sup |F_n − u| > ε) ≤ 2 exp(−2nε²) = 1e-3 at ε = dkwEpsilon(n, 1e-3); the one-sided
    // rise above the diagonal exceeds its own ε with probability ≤ 1e-3 too.
    const n = 2000;
    const stream = RandomStream.fromSeed("calibration-ecdf-uniform");
    const values = Array.from({ length: n }, () => stream.nextDouble());
    const d = ecdfDistance(values);
    const two = dkwEpsilon(n, 1e-3, 2);
    const one = dkwEpsilon(n, 1e-3, 1);
    console.log(
      `uniform n = ${n}: sup|F − u| = ${d.absolute} (ε ${two}), sup(F − u) = ${d.above} (ε ${one})`,
    );
    expect(d.absolute, `sup |F_n − u| vs DKW ε ${two}`).toBeLessThanOrEqual(two);
    expect(d.above, `sup (F_n − u) vs one-sided DKW ε ${one}`).toBeLessThanOrEqual(one);
  });

  it("a sub-uniform sample (u², whose CDF √t rises 1/4 above the diagonal) leaves the band", () => {
    // The same check must be able to fail: with n = 2000 the band is ≈ 0.04 wide, and the ECDF
    // of u² sits ≈ 0.25 above the diagonal at t = 1/4 (a miss has probability < 1e-100).
    const n = 2000;
    const stream = RandomStream.fromSeed("calibration-ecdf-subuniform");
    const values = Array.from({ length: n }, () => stream.nextDouble() ** 2);
    expect(ecdfDistance(values).above).toBeGreaterThan(dkwEpsilon(n, 1e-3, 1));
  });
});

describe("dkwEpsilon", () => {
  it("inverts the DKW bound: exp(−2nε²) times the sides is δ, to rounding", () => {
    for (const [n, delta, sides] of [
      [1, 0.5, 1],
      [200, 0.05, 1],
      [200, 0.05, 2],
      [10_000, 1e-6, 2],
    ] as const) {
      const eps = dkwEpsilon(n, delta, sides);
      // ε² carries the rounding of log, division and sqrt: a few ulps, relative 1e-14 is ample.
      expect(Math.abs(sides * Math.exp(-2 * n * eps * eps) - delta) / delta).toBeLessThan(1e-14);
    }
  });

  it("names the bad parameter", () => {
    expect(() => dkwEpsilon(0, 0.05)).toThrow(InvalidParameterError);
    expect(() => dkwEpsilon(0, 0.05)).toThrow(/dkwEpsilon: n must be an integer >= 1, got 0/);
    expect(() => dkwEpsilon(10, 0.7, 1)).toThrow(/delta must be in \(0, 0.5\]/);
    expect(() => dkwEpsilon(10, 0)).toThrow(/delta must be in \(0, 1\]/);
  });
});
