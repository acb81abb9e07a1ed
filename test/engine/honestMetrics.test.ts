/**
 * Metrics report what theory says where it is exact: 0 for the truth against itself, +∞ where a
 * divergence is infinite, undefined where no estimate exists — never a Monte Carlo estimate of a
 * divergent quantity. Deterministic (seed 3); no statistical assertion.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { paretoModel, studentTModel } from "../../src/model/univariate.ts";

const run = (truth: string, family: string, metrics: ("kl" | "tv" | "w2" | "mean-error")[]) =>
  runChains(
    configFromSpec({
      truth,
      family,
      regime: "replace",
      samples: 200,
      generations: 2,
      chains: 3,
      seed: 3,
      metrics,
    }),
  );

describe("honest metrics", () => {
  it("generation 0 (the truth against itself) is exactly 0 for kl, tv and w2", () => {
    for (const truth of [
      "pareto:shape=0.5",
      "student-t:nu=1",
      "gmm:weights=0.9/0.1,means=0/5,sds=1/1",
    ]) {
      const r = run(truth, "kde", ["kl", "tv", "w2"]);
      for (const m of ["kl", "tv", "w2"]) {
        expect([...generationValues(r, m, 0)], `${truth} ${m}`).toEqual([0, 0, 0]);
      }
    }
  });

  it("a truth without a finite second moment: w2 = +∞ against a finite-variance model, kl = +∞ for Gaussian tails", () => {
    for (const truth of [
      "pareto:shape=0.5",
      "pareto:shape=2",
      "student-t:nu=1",
      "student-t:nu=2",
    ]) {
      for (const family of ["gaussian-mle", "kde"]) {
        const r = run(truth, family, ["kl", "w2"]);
        for (const t of [1, 2]) {
          expect([...generationValues(r, "w2", t)], `${truth} ${family} w2`).toEqual([
            Number.POSITIVE_INFINITY,
            Number.POSITIVE_INFINITY,
            Number.POSITIVE_INFINITY,
          ]);
          expect([...generationValues(r, "kl", t)], `${truth} ${family} kl`).toEqual([
            Number.POSITIVE_INFINITY,
            Number.POSITIVE_INFINITY,
            Number.POSITIVE_INFINITY,
          ]);
        }
      }
    }
  });

  it("finite second moments keep the estimate (control: student-t ν = 5, Gaussian fit)", () => {
    const r = run("student-t:nu=5", "gaussian-mle", ["kl", "w2"]);
    for (const v of generationValues(r, "w2", 1)) expect(v > 0 && Number.isFinite(v)).toBe(true);
    for (const v of generationValues(r, "kl", 1)) expect(v > 0 && Number.isFinite(v)).toBe(true);
  });

  it("w2 between two laws without finite second moments is undefined, with the reason", () => {
    const r = runChains({
      ...configFromSpec({
        truth: "student-t:nu=1.5",
        family: "kde",
        regime: "replace",
        samples: 50,
        generations: 1,
        chains: 1,
        seed: 3,
        metrics: ["w2"],
      }),
      initialModel: studentTModel(1.2, 0, 2),
    });
    expect(generationValues(r, "w2", 0)[0]).toBeNaN();
    expect(r.undefinedValues[0].reason).toMatch(
      /neither student-t truth nor student-t model has a finite second moment/,
    );
  });

  it("a scale whose square underflows or overflows is refused, naming the parameter given", () => {
    expect(() => truthFromSpec("gaussian:sd=1e-300")).toThrow(/gaussian.*sd.*underflow/);
    expect(() => truthFromSpec("gaussian:sd=1e300")).toThrow(/gaussian.*sd.*overflow/);
    expect(() => truthFromSpec("gmm:weights=0.5/0.5,means=0/1,sds=1/1e-200")).toThrow(
      /gmm.*sds\[1\]/,
    );
    expect(() => truthFromSpec("mv-gaussian:dim=2,sd=1e-160")).toThrow(/mv-gaussian.*sd/);
    expect(truthFromSpec("gaussian:sd=1e-150").id).toBe("gaussian");
  });

  it("mean-error with an infinite truth mean (Pareto, shape ≤ 1): 0 at generation 0, +∞ against a finite mean, undefined when both are infinite", () => {
    const r = run("pareto:shape=0.5", "gaussian-mle", ["mean-error"]);
    expect([...generationValues(r, "mean-error", 0)]).toEqual([0, 0, 0]);
    expect([...generationValues(r, "mean-error", 1)]).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    const both = runChains({
      ...configFromSpec({
        truth: "pareto:shape=0.5",
        family: "kde",
        regime: "replace",
        samples: 20,
        generations: 1,
        chains: 1,
        seed: 3,
        metrics: ["mean-error"],
      }),
      initialModel: paretoModel(0.8, 2),
    });
    expect(generationValues(both, "mean-error", 0)[0]).toBeNaN();
    expect(both.undefinedValues[0].reason).toMatch(/both have infinite means/);
  });
});
