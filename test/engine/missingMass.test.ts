/**
 * The missing-mass metric (the truth's mass on symbols the model gives probability 0): against
 * its exact expectation after one categorical-MLE fit, E[M₁] = Σ_i p_i (1 − p_i)^M (each symbol
 * is unseen in M draws with probability (1 − p_i)^M; Good 1953; docs/theory.md#tale-of-tails, the
 * memoriser's test error), by a z-test over 20 000 chains
 * at root seed 20261207 (false-alarm probability 1e-6: |z| ≤ 4.89); exactly 0 at generation 0
 * and for additive smoothing; a named error for models without symbol probabilities.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { mean, standardDeviation } from "../../src/numeric/index.ts";

const SEED = 20261207;
const truth = "zipf:k=20,s=1.1";
const p = (truthFromSpec(truth).model as unknown as { p: Float64Array }).p;

describe("missing-mass", () => {
  it("E[missing mass] after one MLE fit to M draws is Σ p_i (1 − p_i)^M (z-test, 20 000 chains)", () => {
    for (const M of [5, 30]) {
      const r = runChains(
        configFromSpec({
          truth,
          family: "categorical-mle",
          regime: "replace",
          samples: M,
          generations: 1,
          chains: 20_000,
          seed: SEED,
          streamKeys: ["missing-mass", M],
          metrics: ["missing-mass"],
        }),
      );
      const x = generationValues(r, "missing-mass", 1);
      const exact = p.reduce((s, pi) => s + pi * (1 - pi) ** M, 0);
      const z = (mean(x) - exact) / (standardDeviation(x, 1) / Math.sqrt(x.length));
      console.log(`[missing-mass seed ${SEED}] M = ${M}: mean ${mean(x)}, exact ${exact}, z ${z}`);
      expect(Math.abs(z), `M = ${M}: mean ${mean(x)} vs exact ${exact}`).toBeLessThan(4.89);
      expect(generationValues(r, "missing-mass", 0).every((v) => v === 0)).toBe(true);
    }
  });

  it("is exactly the truth mass of the zero-probability symbols, and 0 under additive smoothing", () => {
    const r = runChains(
      configFromSpec({
        truth,
        family: "categorical-smoothed",
        regime: "replace",
        samples: 5,
        generations: 3,
        chains: 50,
        seed: SEED,
        metrics: ["missing-mass"],
      }),
    );
    expect(r.values["missing-mass"].every((v) => v === 0)).toBe(true);
    // Per chain: the sum over the symbols the fitted model dropped, recomputed from the fit.
    const fits: Float64Array[] = [];
    const mle = runChains({
      ...configFromSpec({
        truth,
        family: "categorical-mle",
        regime: "replace",
        samples: 8,
        generations: 2,
        chains: 20,
        seed: SEED,
        metrics: ["missing-mass"],
      }),
      onFit: (_c, t, model) => {
        if (t === 2) fits.push((model as unknown as { p: Float64Array }).p);
      },
    });
    const atT = generationValues(mle, "missing-mass", 2);
    for (const [c, q] of fits.entries()) {
      const own = p.reduce((s, pi, i) => (q[i] === 0 ? s + pi : s), 0);
      expect(atT[c]).toBe(own);
    }
    expect(atT.some((v) => v > 0)).toBe(true);
  });

  it("refuses models without symbol probabilities, naming the metric", () => {
    expect(() =>
      runChains(
        configFromSpec({
          truth: "gaussian",
          family: "gaussian-mle",
          regime: "replace",
          samples: 5,
          generations: 1,
          chains: 1,
          seed: SEED,
          metrics: ["missing-mass"],
        }),
      ),
    ).toThrow(/"missing-mass" is not defined for gaussian models/);
  });
});
