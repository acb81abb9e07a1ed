/**
 * Planted false claims must be refuted with a shrunk, replayable counterexample; true claims must
 * not be refuted. Fixed root seeds (printed in the test names). The false-alarm probability of the
 * "true claims at 50 seeds" test is ≤ 50 × 1e-6 = 5e-5 (each run's budget is α = 1e-6).
 */
import { describe, expect, it } from "vitest";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import { failureMessage } from "../../src/claims/verifyClaim.ts";
import {
  heterozygosityIdentity,
  plantedAccumulateLinear,
  plantedTailMeanHalves,
  plantedUnbiasedDecay,
} from "./controls.ts";

describe("planted false claims are refuted with a shrunk counterexample (root seed 1)", () => {
  for (const claim of [plantedTailMeanHalves, plantedUnbiasedDecay, plantedAccumulateLinear]) {
    it(claim.id, () => {
      const report = checkClaim(claim, { rootSeed: 1 });
      expect(report.status).toBe("refuted");
      const c = report.counterexample;
      expect(c).toBeDefined();
      if (c === undefined) return;
      expect(c.verdict.outcome).toBe("refuted");
      expect(c.path).not.toBe("");
      // The evidence states what was claimed, the estimate, interval and p-value.
      const refuting = c.verdict.evidence.find((e) => e.outcome === "refuted");
      expect(refuting?.pValue).toBeLessThan(refuting?.alpha ?? 0);
      // Replaying fast-check's seed and path reproduces the same counterexample exactly.
      const replay = checkClaim(claim, { replay: { fcSeed: c.fcSeed, path: c.path } });
      expect(replay.counterexample?.scenario).toBe(c.scenario);
      expect(replay.counterexample?.seed).toBe(c.seed);
      expect(replay.counterexample?.verdict).toEqual(c.verdict);
      const message = failureMessage(report, "properties/x.test.ts");
      expect(message).toContain(`Claim ${claim.id} REFUTED`);
      expect(message).toContain(`Counterexample (after ${c.shrinks} shrinks)`);
      expect(message).toContain(`COLLAPSE_REPLAY='${claim.id}:${c.fcSeed}:${c.path}'`);
    });
  }
});

describe("a true claim is not refuted at 50 fixed root seeds (1…50)", () => {
  it(heterozygosityIdentity.id, () => {
    const statuses = Array.from(
      { length: 50 },
      (_, i) => checkClaim(heterozygosityIdentity, { rootSeed: i + 1 }).status,
    );
    expect(statuses.filter((s) => s !== "supported")).toEqual([]);
  });
});
