import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  erf,
  erfc,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
} from "../../src/numeric/index.ts";
import { AccuracyCheck, type FixtureNumber, loadFixture, num, type Tolerance } from "./accuracy.ts";

interface Case {
  args: FixtureNumber[];
  scipy: FixtureNumber;
  mp: FixtureNumber;
}
const fx =
  loadFixture<Record<"erf" | "erfc" | "cdf" | "sf" | "pdf" | "quantile", Case[]>>("normal.json");

/** Compares against the mpmath reference (40 digits) when present, else scipy. */
function run(name: string, cases: Case[], f: (...a: number[]) => number, tol: Tolerance) {
  const chk = new AccuracyCheck(name);
  for (const c of cases) {
    const args = c.args.map(num);
    chk.check(args, f(...args), num(c.mp ?? c.scipy), tol);
  }
  expect(chk.failures).toEqual([]);
  expect(cases.length).toBeGreaterThan(20);
}

describe("erf / erfc vs mpmath (fixture normal.json)", () => {
  // Cody's rational forms approximate to < 6e-19; what remains is a handful of roundings
  // (Horner, one division, the split exp(−y²)): 4 ε covers it (seen: ≤ 2 ε).
  it("erf within 4 ε", () => run("erf", fx.erf, erf, { rel: 4 }));
  it("erfc within 4 ε, including the far tail down to 1e-320", () =>
    run("erfc", fx.erfc, erfc, { rel: 4 }));
});

describe("normal distribution vs mpmath", () => {
  // z = x/√2 is rounded once (relative sensitivity of erfc's rational part ≈ 1), plus the erfc
  // roundings: 6 ε (seen ≤ 2.3 ε). scipy's ndtr is off by up to ~1000 ε in the tails because it
  // forms exp(−x²/2) from a rounded x²; the fixture keeps its values for comparison.
  it("normalCdf within 6 ε in both tails", () => run("normalCdf", fx.cdf, normalCdf, { rel: 6 }));
  it("normalSf within 6 ε in both tails", () => run("normalSf", fx.sf, normalSf, { rel: 6 }));
  it("normalPdf within 4 ε", () => run("normalPdf", fx.pdf, normalPdf, { rel: 4 }));
  // Acklam start (1e-9) + Newton/Halley refinement converges to the correctly rounded root up
  // to the residual's rounding: 4 ε (seen ≤ 1.9 ε), from p = 5e-324 to 1 − 2^-53.
  it("normalQuantile within 4 ε", () =>
    run("normalQuantile", fx.quantile, normalQuantile, { rel: 4 }));
});

describe("normal identities", () => {
  it("cdf(x) + sf(x) = 1 and cdf(−x) = sf(x) exactly", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(normalCdf(-x)).toBe(normalSf(x));
        expect(Math.abs(normalCdf(x) + normalSf(x) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
      }),
      { seed: 1, numRuns: 2000 },
    );
  });

  it("cdf(quantile(p)) = p to within the conditioning of the pair", () => {
    // |Δp/p| ≤ |Δx|·φ(x)/Φ(x) with |Δx| ≤ 4 ε|x|: allow 4ε·(1 + |x|·φ/Φ) + 4 ε.
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (p) => {
        const x = normalQuantile(p);
        const back = normalCdf(x);
        const hazard = normalPdf(x) / p;
        const tol = 8 * Number.EPSILON * (1 + Math.abs(x) * hazard * Math.abs(x));
        expect(Math.abs(back - p) / p).toBeLessThanOrEqual(tol);
      }),
      { seed: 2, numRuns: 2000 },
    );
  });

  it("quantile is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p) when 1 − p is exact", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true }), (p) => {
        expect(normalQuantile(1 - p) + normalQuantile(p)).toBe(0);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });

  it("location/scale and endpoints", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.5, 3, 2)).toBe(3);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalCdf(5, 5, 3)).toBe(0.5);
    expect(normalSf(-40)).toBe(1);
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});
