/**
 * Shrinking keeps a refutation refuted (issue: a planted false claim shrank out of refutation).
 * The planted claim below is false for every x > 0 (E[v] = x/20, claimed 0) but the data decide
 * it only for large x: with 100 replicates of N(x/20, 1) and a precision no sample size reaches,
 * x ≳ 11 is refuted (z = x/2 above ~5.4 at α = 1e-6/20) and small x stays inconclusive. Shrinking
 * heads for x = 0 through inconclusive settings; the counterexample must still be refuted.
 * Deterministic (root seeds 1…3 printed in the test names): the observations are drawn from the
 * scenario's stream, so the test has no false-alarm probability — it either holds or shows a bug.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import { defineClaim } from "../../src/claims/defineClaim.ts";
import { failureMessage } from "../../src/claims/verifyClaim.ts";
import { derive } from "../../src/rng/index.ts";
import { normal } from "../../src/sample/index.ts";
import { meanEquals } from "../../src/verdict/index.ts";

const shrinksThroughInconclusive = defineClaim({
  id: "planted-shrinks-through-inconclusive",
  title: "E[v] = 0 (false: E[v] = x/20)",
  citation: { source: "test", where: "test/claims/shrinking.test.ts" },
  statement: "planted",
  kind: "in-expectation",
  scenario: fc.integer({ min: 0, max: 100 }),
  simulate: (x, range) => {
    const v = new Float64Array(range.count);
    for (let i = 0; i < range.count; i++) {
      v[i] = normal(derive(range.seed, range.first + i), x / 20, 1);
    }
    return { v };
  },
  checks: () => [meanEquals("v", 0, { precision: 1e-6 })],
  budget: { scenarios: 20, replicates: 100, maxReplicates: 100, strict: true },
});

describe("shrinking never trades a refutation for an inconclusive setting", () => {
  for (const rootSeed of [1, 2, 3]) {
    it(`strict mode, root seed ${rootSeed}: the counterexample is refuted and replays refuted`, () => {
      const report = checkClaim(shrinksThroughInconclusive, { rootSeed });
      expect(report.status).toBe("refuted");
      const c = report.counterexample;
      expect(c?.verdict.outcome).toBe("refuted");
      if (c === undefined) return;
      // Shrunk toward 0 as far as a refutation goes, not to an undecided small x.
      expect(c.setting as number).toBeGreaterThan(5);
      expect(c.shrinks).toBeGreaterThan(0);
      const replay = checkClaim(shrinksThroughInconclusive, {
        replay: { fcSeed: c.fcSeed, path: c.path },
      });
      expect(replay.counterexample?.scenario).toBe(c.scenario);
      expect(replay.counterexample?.verdict.outcome).toBe("refuted");
    });
  }

  it("an inconclusive-only failure (strict) is still reported as inconclusive", () => {
    const undecided = defineClaim({
      ...shrinksThroughInconclusive,
      id: "planted-undecided",
      scenario: fc.integer({ min: 0, max: 4 }),
    });
    const report = checkClaim(undecided, { rootSeed: 1 });
    expect(report.status).toBe("inconclusive");
    expect(report.counterexample?.verdict.outcome).toBe("inconclusive");
    // The failure message does not call an undecided scenario a counterexample.
    const message = failureMessage(report, "properties/x.test.ts");
    expect(message).toContain("Undecided scenario (strict: inconclusive fails) (after");
    expect(message).not.toContain("Counterexample");
  });
});

describe("replay", () => {
  it("a path that names no scenario is a named error, not fast-check's crash", () => {
    expect(() =>
      checkClaim(shrinksThroughInconclusive, { replay: { fcSeed: 1, path: "99:99:99" } }),
    ).toThrow(
      /replay: path names no scenario of claim planted-shrinks-through-inconclusive.*"99:99:99"/,
    );
  });
});
