/**
 * Scenario arbitraries for statistical claims: uniform in value (not fast-check's corner-biased
 * defaults) and shrinking toward a stated simplest setting. Seeds are fixed (printed in the test
 * names); each uniformity check is a chi-square goodness-of-fit test at α = 1e-6, so the
 * false-alarm probability of this file is ≤ 4e-6.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choiceOf } from "../../src/claims/arbitraries/choiceOf.ts";
import { logUniformInteger } from "../../src/claims/arbitraries/logUniformInteger.ts";
import { logUniformReal } from "../../src/claims/arbitraries/logUniformReal.ts";
import { uniformInteger } from "../../src/claims/arbitraries/uniformInteger.ts";
import { uniformReal } from "../../src/claims/arbitraries/uniformReal.ts";
import { chiSquareSf } from "../../src/numeric/index.ts";

/** p-value of the chi-square test that `values` are uniform over `bins` equal bins of [lo, hi]. */
function uniformityPValue(values: readonly number[], lo: number, hi: number, bins: number): number {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]++;
  const expected = values.length / bins;
  const stat = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  return chiSquareSf(stat, bins - 1);
}

/** Eight draws per claim run, as a claim's default budget makes: 250 runs (seeds 1…250). */
function runsOfEight(arb: fc.Arbitrary<number>): number[][] {
  return Array.from({ length: 250 }, (_, i) => fc.sample(arb, { numRuns: 8, seed: i + 1 }));
}

/** The counterexample fast-check reports for `fails` (seed 7). */
function counterexample(arb: fc.Arbitrary<number>, fails: (x: number) => boolean): number {
  const details = fc.check(
    fc.property(arb, (x) => !fails(x)),
    { seed: 7, numRuns: 200 },
  );
  expect(details.failed).toBe(true);
  return (details.counterexample as [number])[0];
}

describe("uniformReal (seeds 1…250, 7)", () => {
  const arb = uniformReal({ min: 0.2, max: 0.95 });

  it("8 draws per run cover the range uniformly, not its corners", () => {
    const runs = runsOfEight(arb);
    const all = runs.flat();
    expect(all.every((x) => x >= 0.2 && x <= 0.95)).toBe(true);
    const p = uniformityPValue(all, 0.2, 0.95, 10);
    expect(p, `chi-square p-value ${p} over 10 bins (α = 1e-6)`).toBeGreaterThan(1e-6);
    // An endpoint has probability 1/2^20 per draw: 2000 draws hit one at most twice unless
    // the draw is biased toward the ends (P(> 2 | uniform) < 2e-9).
    expect(all.filter((x) => x === 0.2 || x === 0.95).length).toBeLessThanOrEqual(2);
    // The median run spreads over at least half the range (uniform: P(range < ½) ≈ 0.035).
    const spreads = runs.map((r) => Math.max(...r) - Math.min(...r)).sort((a, b) => a - b);
    expect(spreads[125]).toBeGreaterThan(0.375);
  });

  it("shrinks toward `simplest`, not toward a range end", () => {
    const toward = uniformReal({ min: 0, max: 1, simplest: 0.9 });
    const h = 1 / 2 ** 20;
    // Fails on all of [0.5, 1]: the simplest failing value is 0.9 itself.
    expect(Math.abs(counterexample(toward, (x) => x >= 0.5) - 0.9)).toBeLessThanOrEqual(h);
    // Fails only below 0.3: shrinking stops at the failing value closest to 0.9.
    const c = counterexample(toward, (x) => x < 0.3);
    expect(c).toBeLessThan(0.3);
    expect(c).toBeGreaterThan(0.3 - 1e-3);
    // Default: shrinks toward min.
    expect(counterexample(arb, () => true)).toBe(0.2);
  });

  it("names bad constraints", () => {
    expect(() => uniformReal({ min: 1, max: 0 })).toThrow(/uniformReal.*max.*>= min/);
    expect(() => uniformReal({ min: 0, max: Number.NaN })).toThrow(/uniformReal.*max/);
    expect(() => uniformReal({ min: 0, max: 1, simplest: 2 })).toThrow(/uniformReal.*simplest/);
    expect(() => uniformReal({ min: 0, max: 1, steps: 0.5 })).toThrow(/uniformReal.*steps/);
  });
});

describe("logUniformReal (seeds 1…250)", () => {
  it("ln x is uniform over [ln min, ln max]", () => {
    const all = runsOfEight(logUniformReal({ min: 1e-3, max: 10 })).flat();
    expect(all.every((x) => x >= 1e-3 && x <= 10)).toBe(true);
    const p = uniformityPValue(all.map(Math.log), Math.log(1e-3), Math.log(10), 10);
    expect(p, `chi-square p-value ${p} on ln x (α = 1e-6)`).toBeGreaterThan(1e-6);
    expect(() => logUniformReal({ min: 0, max: 1 })).toThrow(/logUniformReal.*min/);
  });
});

describe("logUniformInteger (seeds 1…250, 7)", () => {
  it("P(n) = ln((n + ½)/(n − ½)) / ln((max + ½)/(min − ½)), the ends at full weight", () => {
    const [min, max] = [2, 20];
    const all = runsOfEight(logUniformInteger({ min, max })).flat();
    expect(all.every((x) => Number.isInteger(x) && x >= min && x <= max)).toBe(true);
    // Chi-square goodness of fit against the exact probabilities (α = 1e-6).
    const norm = Math.log((max + 0.5) / (min - 0.5));
    let stat = 0;
    for (let n = min; n <= max; n++) {
      const expected = (all.length * Math.log((n + 0.5) / (n - 0.5))) / norm;
      const observed = all.filter((x) => x === n).length;
      stat += (observed - expected) ** 2 / expected;
    }
    const p = chiSquareSf(stat, max - min);
    expect(p, `chi-square p-value ${p} against the exact law (α = 1e-6)`).toBeGreaterThan(1e-6);
    expect(
      counterexample(logUniformInteger({ min: 1, max: 1000, simplest: 30 }), (x) => x > 10),
    ).toBe(30);
    expect(() => logUniformInteger({ min: 0, max: 10 })).toThrow(/logUniformInteger.*min/);
    expect(() => logUniformInteger({ min: 5, max: 10, simplest: 11 })).toThrow(
      /logUniformInteger.*simplest/,
    );
  });
});

describe("uniformInteger and choiceOf (seeds 1…250, 7)", () => {
  it("uniform over [min, max] and shrinking toward simplest", () => {
    const all = runsOfEight(uniformInteger({ min: 1, max: 10 })).flat();
    expect(all.every((x) => Number.isInteger(x) && x >= 1 && x <= 10)).toBe(true);
    const p = uniformityPValue(all, 1, 11, 10);
    expect(p, `chi-square p-value ${p} (α = 1e-6)`).toBeGreaterThan(1e-6);
    expect(counterexample(uniformInteger({ min: 1, max: 100, simplest: 50 }), (x) => x > 20)).toBe(
      50,
    );
    expect(() => uniformInteger({ min: 0, max: 10, simplest: 11 })).toThrow(
      /uniformInteger.*simplest/,
    );
  });

  it("choiceOf draws each value with probability 1/n and shrinks to the first", () => {
    const values = ["a", "b", "c", "d"];
    const draws = Array.from({ length: 250 }, (_, i) =>
      fc.sample(choiceOf(values), { numRuns: 8, seed: i + 1 }),
    ).flat();
    const p = uniformityPValue(
      draws.map((v) => values.indexOf(v)),
      0,
      4,
      4,
    );
    expect(p, `chi-square p-value ${p} (α = 1e-6)`).toBeGreaterThan(1e-6);
    const details = fc.check(
      fc.property(choiceOf(values), () => false),
      { seed: 7 },
    );
    expect(details.counterexample?.[0]).toBe("a");
    expect(() => choiceOf([])).toThrow(/choiceOf.*values/);
  });
});
