import { describe, expect, it } from "vitest";
import { sureshGk } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("sureshGk vs the 40-digit iteration (fixture theory-discrete.json)", () => {
  it("within k ε relative", () => {
    // Each step g ← −expm1(−g) adds ≤ 1 ulp, and the map shrinks relative errors
    // (d ln g_{j+1}/d ln g_j = g e^{−g}/(1 − e^{−g}) ≤ 1): at most k − 1 ulps after k steps.
    const chk = new AccuracyCheck("sureshGk");
    for (const c of fixture.sureshGk) chk.check([c.k], sureshGk(c.k), c.mp, { rel: c.k });
    expect(chk.failures).toEqual([]);
  });

  it("g_k ∈ [1/k, 3/k] and g_k·k → 2", () => {
    for (const k of [1, 2, 10, 1000]) {
      expect(sureshGk(k)).toBeGreaterThanOrEqual(1 / k);
      expect(sureshGk(k)).toBeLessThanOrEqual(3 / k);
    }
    expect(Math.abs(sureshGk(100000) * 100000 - 2)).toBeLessThan(0.001);
  });

  it("rejects a non-integer or non-positive k, naming it", () => {
    for (const k of [0, -1, 1.5, Number.NaN]) expectInvalid(() => sureshGk(k), "sureshGk", "k");
  });
});
