import { describe, expect, it } from "vitest";
import type { CategoricalModel } from "../../src/model/models.ts";
import { gaussianModel, univariateLogPdf } from "../../src/model/univariate.ts";
import { derive } from "../../src/rng/index.ts";
import { synthesize, transformModel } from "../../src/transforms/transform.ts";

const p = Float64Array.from([0.5, 0.3, 0.15, 0.05]);
const cat: CategoricalModel = { kind: "categorical", p };
const probs = (m: unknown) => Array.from((m as CategoricalModel).p);
const close = (a: number[], b: number[]) => {
  for (const [i, v] of a.entries())
    expect(Math.abs(v - b[i])).toBeLessThanOrEqual(4 * Number.EPSILON);
};

describe("sampling transforms", () => {
  it("temperature τ on a categorical: ∝ p^(1/τ)", () => {
    const w = [0.25, 0.09, 0.0225, 0.0025];
    const s = w.reduce((a, b) => a + b);
    close(
      probs(transformModel(cat, { kind: "temperature", tau: 0.5 })),
      w.map((v) => v / s),
    );
    close(probs(transformModel(cat, { kind: "temperature", tau: 1 })), Array.from(p));
  });

  it("top-k and top-p truncate and renormalise", () => {
    close(probs(transformModel(cat, { kind: "top-k", k: 2 })), [0.625, 0.375, 0, 0]);
    // Nucleus of mass 0.9: 0.5 + 0.3 + 0.15 = 0.95 ≥ 0.9.
    close(probs(transformModel(cat, { kind: "top-p", p: 0.9 })), [
      0.5 / 0.95,
      0.3 / 0.95,
      0.15 / 0.95,
      0,
    ]);
  });

  it("temperature on a Gaussian scales the variance (MAD's λ)", () => {
    expect(transformModel(gaussianModel(1, 4), { kind: "temperature", tau: 0.5 })).toEqual({
      kind: "gaussian",
      mean: 1,
      variance: 2,
    });
    expect(() => transformModel(gaussianModel(0, 1), { kind: "top-k", k: 2 })).toThrow(
      /top-k: model.kind is not supported by this transform, got "gaussian"/,
    );
  });

  it("select keeps the most likely samples, and exactly n of them", () => {
    const model = { kind: "gaussian" as const, mean: 0, variance: 1 };
    const d = synthesize(model, [{ kind: "select", fraction: 0.5 }], derive(2, "select"), 1000);
    expect(d.kind).toBe("real");
    const x = (d as { values: Float64Array }).values;
    expect(x).toHaveLength(1000);
    // Keeping the most likely half of 2000 N(0,1) draws keeps |x| up to the sample median of
    // |X|, ≈ Φ⁻¹(0.75) = 0.674 with sd ≈ √(¼/2000)/(2φ(0.674)) = 0.018: 0.8 is 7 sd away
    // (false-alarm probability < 1e-11).
    const worst = Math.max(...Array.from(x, (v) => -univariateLogPdf(model, v)));
    expect(worst).toBeLessThan(-univariateLogPdf(model, 0.8));
    const c = synthesize(cat, [{ kind: "select", fraction: 0.5 }], derive(2, "select-cat"), 100);
    expect(c.kind === "categorical" && c.size).toBe(100);
  });
});
