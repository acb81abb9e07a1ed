/**
 * plugins/poisson.ts (Suresh et al.'s Poisson experiment as a plug-in): the rate recovered from
 * a large sample, exact small cases of the fit and the KL, bad parameters named, and the chain's
 * exact survival law P(Λ_k ≠ 0) = 1 − exp(−nλ₀g_k) (docs/theory.md#poisson-mle-chain,
 * docs/theory.md#suresh-bernoulli-survival).
 */
import { describe, expect, it } from "vitest";
import { poissonModel } from "../../plugins/poisson.ts";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { modelKind } from "../../src/model/kinds.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { sureshGk } from "../../src/theory/index.ts";

const realData = (values: number[]) => ({
  kind: "real" as const,
  values: Float64Array.from(values),
});

describe("plugins/poisson.ts", () => {
  it("recovers the rate from 10⁶ samples (z-test, α = 1e-6, seed 'poisson-recover')", () => {
    const truth = truthFromSpec("poisson:rate=3.7");
    const family = familyFromSpec("poisson-mle");
    const n = 1_000_000;
    const data = truth.sampleReal(derive(1, "poisson-recover"), n);
    const fit = family.fit(data, derive(1, "poisson-fit")) as ReturnType<typeof poissonModel>;
    // Var λ̂ = λ/n; two-sided α = 1e-6.
    const tolerance = normalQuantile(1 - 5e-7) * Math.sqrt(3.7 / n);
    expect(
      Math.abs(fit.rate - 3.7),
      `rate 3.7, n=${n}: actual ${fit.rate}, tolerance ${tolerance}`,
    ).toBeLessThanOrEqual(tolerance);
  });

  it("exact small cases: the MLE is the sample mean, 0 is absorbing, KL in closed form", () => {
    const family = familyFromSpec("poisson-mle");
    const s = derive(1, "poisson-small");
    expect(family.fit(realData([0, 1, 2, 3]), s)).toEqual({ kind: "poisson", rate: 1.5 });
    const zero = family.fit(realData([0, 0, 0]), s);
    expect(zero).toEqual({ kind: "poisson", rate: 0 });
    const drawn = modelKind("poisson").sample(zero, s, 5) as { values: Float64Array };
    expect(Array.from(drawn.values)).toEqual([0, 0, 0, 0, 0]);
    const kl = modelKind("poisson").kl as (a: unknown, b: unknown) => number;
    // KL(Pois(2) ‖ Pois(3)) = 2 ln(2/3) + 1.
    expect(kl(poissonModel(2), poissonModel(3))).toBeCloseTo(2 * Math.log(2 / 3) + 1, 15);
    expect(kl(poissonModel(2), poissonModel(2))).toBe(0);
    expect(kl(poissonModel(0), poissonModel(3))).toBe(3);
    expect(kl(poissonModel(2), poissonModel(0))).toBe(Number.POSITIVE_INFINITY);
  });

  it("names bad parameters and values", () => {
    expect(() => truthFromSpec("poisson:rate=0")).toThrow(/truth "poisson": rate .*got 0/);
    expect(() => truthFromSpec("poisson:rate=-1")).toThrow(/rate.*got -1/);
    expect(() => truthFromSpec("poisson")).toThrow(/rate/);
    expect(() => poissonModel(Number.NaN)).toThrow(/poissonModel: rate .*got NaN/);
    expect(() => poissonModel(2 ** 31)).toThrow(/poissonModel: rate/);
  });

  it("P(Λ_k ≠ 0) = 1 − exp(−nλ₀g_k) exactly (Suresh et al., Theorem 2; K = 20000, α = 1e-4, seed 31)", () => {
    const n = 10;
    const rate = 1;
    const K = 20_000;
    const T = 5;
    const seed = 31;
    const r = runChains(
      configFromSpec({
        truth: `poisson:rate=${rate}`,
        family: "poisson-mle",
        regime: "replace",
        samples: n,
        generations: T,
        chains: K,
        seed,
        metrics: ["variance"],
      }),
    );
    const z = normalQuantile(1 - 1e-4 / (2 * (T - 1)));
    for (let k = 2; k <= T; k++) {
      const alive = generationValues(r, "variance", k).filter((v) => v > 0).length / K;
      const p = -Math.expm1(-n * rate * sureshGk(k));
      const tolerance = z * Math.sqrt((p * (1 - p)) / K);
      expect(
        Math.abs(alive - p),
        `P(Λ_${k} ≠ 0), n=${n}, λ₀=${rate}, K=${K}, seed ${seed}: expected ${p}, actual ${alive}, tolerance ${tolerance}`,
      ).toBeLessThanOrEqual(tolerance);
    }
  });
});
