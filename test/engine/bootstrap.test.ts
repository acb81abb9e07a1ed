/**
 * The bootstrap (empirical) family and its model kind. Exact small cases for the empirical law;
 * for chains, E[V_t] = (1 − 1/M)^t σ² (docs/theory.md#bootstrap-chain), checked per generation
 * within z·se at a 0.1% two-sided false-alarm probability each (seed 13), and the number of
 * distinct values never grows (a sure invariant, every chain and generation).
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { generationValues, summarizeMetric } from "../../src/chain/summarize.ts";
import {
  empiricalCdf,
  empiricalModel,
  empiricalQuantile,
  empiricalSf,
  empiricalSupport,
  empiricalVariance,
  sampleEmpirical,
} from "../../src/model/empirical.ts";
import type { EmpiricalModel } from "../../src/model/models.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";

describe("empirical model", () => {
  const m = empiricalModel([3, 1, 2, 2, 5]);

  it("CDF, survival, inverse-ECDF quantiles, population variance and distinct values, exactly", () => {
    expect([...m.values]).toEqual([1, 2, 2, 3, 5]);
    expect([0.5, 1, 2, 2.5, 5, 6].map((x) => empiricalCdf(m, x))).toEqual([0, 0.2, 0.6, 0.6, 1, 1]);
    expect([0.5, 1, 2, 5].map((x) => empiricalSf(m, x))).toEqual([1, 0.8, 0.4, 0]);
    // inf{x : F(x) ≥ p} = x_(⌈5p⌉).
    expect([0, 0.2, 0.21, 0.6, 0.61, 1].map((p) => empiricalQuantile(m, p))).toEqual([
      1, 1, 2, 2, 3, 5,
    ]);
    // mean 2.6; Σ(x − 2.6)² = 2.56 + 0.36 + 0.36 + 0.16 + 5.76 = 9.2; ÷5.
    expect(Math.abs(empiricalVariance(m) - 9.2 / 5)).toBeLessThan(4 * Number.EPSILON);
    expect(empiricalSupport(m)).toBe(4);
  });

  it("resamples only its own values, each with probability 1/n (seed 3; 50 000 draws, 0.1%)", () => {
    const draws = sampleEmpirical(m, derive(3, "empirical"), 50_000).values;
    const z = normalQuantile(1 - 0.001 / 8);
    for (const [value, p] of [
      [1, 0.2],
      [2, 0.4],
      [3, 0.2],
      [5, 0.2],
    ] as const) {
      const f = draws.filter((x) => x === value).length / draws.length;
      const tol = z * Math.sqrt((p * (1 - p)) / draws.length);
      expect(Math.abs(f - p), `value ${value}: ${f} vs ${p} ± ${tol}`).toBeLessThan(tol);
    }
    expect(draws.every((x) => [1, 2, 3, 5].includes(x))).toBe(true);
  });

  it("refuses empty and non-finite samples by name", () => {
    expect(() => empiricalModel([])).toThrow(/empiricalModel.*values.length/);
    expect(() => empiricalModel([1, Number.NaN])).toThrow(/empiricalModel.*values\[1\]/);
  });
});

describe("bootstrap chains", () => {
  it("E[V_t] = (1 − 1/M)^t σ² and the distinct values never grow (seed 13)", () => {
    const M = 12;
    const sigma2 = 2.25;
    const r = runChains({
      ...configFromSpec({
        truth: "gaussian:mean=4,sd=1.5",
        family: "bootstrap",
        regime: "replace",
        samples: M,
        generations: 6,
        chains: 4000,
        seed: 13,
        metrics: ["variance"],
      }),
      // `support` needs the op on the truth's kind too (a Gaussian has none): observe it.
      observe: { distinct: (m, t) => (t === 0 ? M : empiricalSupport(m as EmpiricalModel)) },
    });
    const s = summarizeMetric(r, "variance");
    const z = normalQuantile(1 - 0.001 / 2);
    for (let t = 1; t <= 6; t++) {
      const expected = (1 - 1 / M) ** t * sigma2;
      const tol = z * s.se[t];
      expect(
        Math.abs(s.mean[t] - expected),
        `t ${t}: mean ${s.mean[t]}, exact ${expected}, tolerance ${tol}`,
      ).toBeLessThan(tol);
    }
    for (let t = 2; t <= 6; t++) {
      const before = generationValues(r, "distinct", t - 1);
      const now = generationValues(r, "distinct", t);
      for (let c = 0; c < before.length; c++) expect(now[c]).toBeLessThanOrEqual(before[c]);
    }
  });
});
