/**
 * What a failing claim's reported scenario is called: a counterexample only when it is refuted;
 * a strict claim that failed on an inconclusive scenario reports an undecided scenario (in the
 * CLI line, the claims table and report.html). Deterministic: no false alarms.
 */
import { describe, expect, it } from "vitest";
import type { ClaimEntry } from "../../src/report/contract/schema.ts";
import { evidenceSummary, failingScenarioLabel } from "../../src/report/render/format.ts";

const entry = (outcome: "refuted" | "inconclusive") =>
  ({
    id: "demo",
    status: outcome,
    counterexample: {
      scenario: '{"T":4}',
      setting: { T: 4 },
      seed: 0,
      shrinks: 0,
      verdict: { outcome, replicates: 20, looks: 1, alphaPerTest: 1e-6, evidence: [] },
    },
  }) as unknown as ClaimEntry;

describe("failingScenarioLabel", () => {
  it("calls a refuted scenario a counterexample and an inconclusive one an undecided scenario", () => {
    expect(failingScenarioLabel(entry("refuted"))).toBe("counterexample");
    expect(failingScenarioLabel(entry("inconclusive"))).toBe(
      "undecided scenario (strict: inconclusive fails)",
    );
    expect(evidenceSummary(entry("refuted"))).toMatch(
      /^counterexample \{"T":4\} \(seed 0, 0 shrinks\)/,
    );
    expect(evidenceSummary(entry("inconclusive"))).toMatch(
      /^undecided scenario \(strict: inconclusive fails\) \{"T":4\}/,
    );
  });
});
