/**
 * Wright–Fisher mean absorption times against test/fixtures/theory-absorption.json
 * (make_theory_absorption.py: numpy's inverse of I − Q, scipy's binomial pmf). Both sides solve an
 * (M − 1)-dimensional linear system in doubles; cond(I − Q) ≤ M·t_max ≤ 1.4M² (the fundamental
 * matrix's row sums are the absorption times, ≤ 1.39M), so the relative error of either is below
 * M·cond·ε ≈ 1.4M³ε: the tolerance is 4M³ε (2.3e-8 relative at M = 200).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  wrightFisherDiffusionAbsorptionTime,
  wrightFisherMeanAbsorptionTime,
} from "../../src/theory/index.ts";

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/theory-absorption.json", import.meta.url), "utf8"),
) as {
  exact: { M: number; p: number; t: number }[];
  diffusion: { M: number; p: number; t: number }[];
};
const EPS = Number.EPSILON;

describe("wrightFisherMeanAbsorptionTime vs numpy (fixture)", () => {
  it("exact finite-M mean absorption times, on and off the count grid", () => {
    const wrong = fixture.exact.flatMap(({ M, p, t }) => {
      const actual = wrightFisherMeanAbsorptionTime(M, p);
      const tol = 4 * M ** 3 * EPS;
      const rel = Math.abs(actual - t) / t;
      return rel <= tol
        ? []
        : [`M = ${M}, p = ${p}: expected ${t}, actual ${actual}, rel ${rel} > ${tol}`];
    });
    expect(wrong).toEqual([]);
  });

  it("exact small cases: M = 2 is Geometric(½) (E[T] = 2); p ∈ {0, 1} is absorbed", () => {
    expect(Math.abs(wrightFisherMeanAbsorptionTime(2, 0.5) - 2)).toBeLessThanOrEqual(8 * EPS);
    expect(wrightFisherMeanAbsorptionTime(50, 0)).toBe(0);
    expect(wrightFisherMeanAbsorptionTime(50, 1)).toBe(0);
    expect(() => wrightFisherMeanAbsorptionTime(0, 0.5)).toThrow(
      /wrightFisherMeanAbsorptionTime.*samples/,
    );
    expect(() => wrightFisherMeanAbsorptionTime(10, 1.5)).toThrow(
      /wrightFisherMeanAbsorptionTime.*p/,
    );
  });
});

describe("wrightFisherDiffusionAbsorptionTime", () => {
  it("matches −2M[p ln p + (1 − p) ln(1 − p)] (fixture, 4ε relative)", () => {
    for (const { M, p, t } of fixture.diffusion) {
      const actual = wrightFisherDiffusionAbsorptionTime(M, p);
      expect(
        Math.abs(actual - t),
        `M = ${M}, p = ${p}: expected ${t}, actual ${actual}`,
      ).toBeLessThanOrEqual(4 * EPS * t);
    }
    expect(() => wrightFisherDiffusionAbsorptionTime(10, -0.1)).toThrow(/Diffusion.*p/);
  });

  it("its relative error is below 2.2/M for M ∈ [20, 60], p ∈ [0.1, 0.9] — the band the claim uses (5/M) holds with margin", () => {
    let worst = 0;
    for (let M = 20; M <= 60; M += 5) {
      for (let p = 0.1; p <= 0.9 + 1e-12; p += 0.05) {
        const exact = wrightFisherMeanAbsorptionTime(M, p);
        const diffusion = wrightFisherDiffusionAbsorptionTime(M, p);
        worst = Math.max(worst, (M * Math.abs(exact - diffusion)) / diffusion);
      }
    }
    console.log(`max M·|relative error| of the diffusion approximation: ${worst}`);
    expect(worst).toBeLessThan(2.2);
    expect(worst).toBeGreaterThan(1); // the approximation is not exact: the band is needed
  });
});
