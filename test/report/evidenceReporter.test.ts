/** The evidence table vitest prints after a run: one line per claim, one per scenario. */

import { describe, expect, it } from "vitest";
import { lenientStatus } from "../../src/report/render/format.ts";
import {
  claimLine,
  scenarioLine,
  scenarioLines,
} from "../../src/report/vitest/evidenceReporter.ts";

const scenario = (p: number, n: number, outcome = "supported") => ({
  scenario: '{__proto__:null,"k":3}',
  setting: { k: 3 },
  verdict: {
    outcome,
    replicates: n,
    evidence: [
      { outcome, claim: "H: mean = 0.5", estimate: 0.51, interval: [0.49, 0.53], pValue: p },
    ],
  },
});

describe("evidence table lines", () => {
  it("a claim line states verdict, scenarios, replicate range, smallest p-value and time", () => {
    const line = claimLine("x: title", "passed", {
      claim: { id: "heterozygosity-decay" },
      status: "supported",
      scenarios: [scenario(0.7, 200), scenario(0.12, 800)],
      durationMs: 2345,
    });
    expect(line).toMatch(
      /^✓ supported\s+heterozygosity-decay\s+2 scen\.\s+reps 200–800\s+min p 0\.12\s+2\.3 s$/,
    );
  });

  it("planted, failed and budget-ended claims say so", () => {
    expect(
      claimLine("n", "passed", {
        status: "refuted",
        expect: "refuted",
        counterexample: scenario(1e-9, 200, "refuted"),
      }),
    ).toMatch(/^✓ refuted \(planted\)\s+n\s+1 scen\.\s+reps 200\s+min p 1\.000e-9/);
    expect(claimLine("f", "failed", { status: "inconclusive", endedBy: "time" })).toMatch(
      /^✗ inconclusive .*ended by time budget/,
    );
  });

  it("a lenient (non-strict) claim that passed with inconclusive scenarios does not read as supported", () => {
    const all = claimLine("m", "passed", {
      status: "supported",
      scenarios: [scenario(0.8, 10, "inconclusive")],
    });
    expect(all).toMatch(/^✓ inconclusive \(lenient\)\s+m\s+1 scen\./);
    const some = claimLine("s", "passed", {
      status: "supported",
      scenarios: [scenario(0.5, 10), scenario(0.8, 10, "inconclusive")],
    });
    expect(some).toMatch(/^✓ supported \(1\/2 inconcl\.\)\s+s\s+2 scen\./);
    expect(lenientStatus("supported", ["supported", "inconclusive", "inconclusive"])).toBe(
      "supported (2 of 3 scenarios inconclusive)",
    );
    expect(lenientStatus("supported", ["inconclusive"])).toBe(
      "inconclusive (lenient: not refuted)",
    );
    expect(lenientStatus("refuted", ["inconclusive", "refuted"])).toBe("refuted");
    expect(lenientStatus("supported", ["supported"])).toBe("supported");
  });

  it("the detail lines name a refuted reported scenario a counterexample, an inconclusive one undecided", () => {
    const refuted = scenarioLines({
      scenarios: [scenario(0.7, 200)],
      counterexample: scenario(1e-9, 200, "refuted"),
    });
    expect(refuted).toHaveLength(2);
    expect(refuted[1]).toMatch(/^ {4}counterexample:\n.*→ refuted/);
    const undecided = scenarioLines({ counterexample: scenario(0.9, 1600, "inconclusive") });
    expect(undecided[0]).toMatch(/^ {4}undecided scenario \(strict: inconclusive fails\):\n/);
    expect(undecided[0]).not.toContain("counterexample");
  });

  it("a scenario line prints the plain setting, not fast-check's __proto__ form", () => {
    const line = scenarioLine(scenario(0.7, 200));
    expect(line).toContain(
      '{"k":3} → supported (n = 200): supported H: mean = 0.5: 0.51 [0.49, 0.53], p = 0.7',
    );
    expect(line).not.toContain("__proto__");
  });
});
