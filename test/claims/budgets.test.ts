/**
 * Per-claim budgets: a CPU-time budget and a shrink budget end a run with the evidence gathered
 * so far, and the report says which one ended it. Deterministic data (no false alarms); the time
 * budget is exercised with simulations that busy-wait (CPU) or sleep (no CPU), so only which
 * budget ended the run is asserted, never a duration.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import { ClaimDefinitionError, defineClaim } from "../../src/claims/defineClaim.ts";
import { lookCount, meanAtMost, meanEquals } from "../../src/verdict/index.ts";

function wait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy-wait: a simulation that takes time
  }
}

const base = {
  title: "t",
  citation: { source: "test", where: "test/claims/budgets.test.ts" },
  statement: "s",
  kind: "bound" as const,
};

/** Values (i mod 2)/100: mean 0.005, decided at once by meanAtMost(·, 1). */
const small = (count: number) => Float64Array.from({ length: count }, (_, i) => (i % 2) / 100);

describe("budgets end a run with the evidence so far and say which one", () => {
  it("time: scenarios stop once the time budget is spent (root seed 1)", () => {
    const claim = defineClaim({
      ...base,
      id: "budget-time-scenarios",
      scenario: fc.integer({ min: 0, max: 100 }),
      simulate: (_s, range) => {
        wait(40);
        return { v: small(range.count) };
      },
      checks: () => [meanAtMost("v", 1)],
      budget: { scenarios: 50, replicates: 10, maxReplicates: 10, timeLimitMs: 150 },
    });
    const report = checkClaim(claim, { rootSeed: 1 });
    expect(report.endedBy).toBe("time");
    expect(report.scenarios.length).toBeGreaterThan(0);
    expect(report.scenarios.length).toBeLessThan(50);
    expect(report.status).toBe("supported");
    expect(report.warnings.join()).toMatch(/time budget \(150 ms\) ended the run after \d+ of 50/);
  });

  it("time: waiting is not spending — a simulation that sleeps leaves the CPU budget whole", () => {
    // 10 scenarios × 40 ms asleep = 400 ms of wall time against a 150 ms budget of CPU time: a
    // loaded or paused machine (the wall clock running, the process not) ends nothing early.
    const nap = new Int32Array(new SharedArrayBuffer(4));
    const claim = defineClaim({
      ...base,
      id: "budget-time-sleep",
      scenario: fc.integer({ min: 0, max: 100 }),
      simulate: (_s, range) => {
        Atomics.wait(nap, 0, 0, 40);
        return { v: small(range.count) };
      },
      checks: () => [meanAtMost("v", 1)],
      budget: { scenarios: 10, replicates: 10, maxReplicates: 10, timeLimitMs: 150 },
    });
    const report = checkClaim(claim, { rootSeed: 1 });
    expect(report.endedBy).toBeUndefined();
    expect(report.scenarios.length).toBe(10);
    expect(report.status).toBe("supported");
  });

  it("time: a runaway inconclusive scenario stops doubling at the deadline (root seed 1)", () => {
    // Every value equal: meanEquals can never decide (zero spread is no evidence), so without
    // the deadline the looks would double up to 2^20 replicates.
    const claim = defineClaim({
      ...base,
      id: "budget-time-looks",
      scenario: fc.constant(0),
      simulate: (_s, range) => {
        wait(30);
        return { v: new Float64Array(range.count).fill(1) };
      },
      checks: () => [meanEquals("v", 1)],
      budget: { scenarios: 1, replicates: 2, maxReplicates: 2 ** 20, timeLimitMs: 100 },
    });
    const report = checkClaim(claim, { rootSeed: 1 });
    expect(report.endedBy).toBe("time");
    expect(report.status).toBe("inconclusive");
    const verdict = report.counterexample?.verdict;
    expect(verdict?.stoppedByDeadline).toBe(true);
    expect(verdict?.looks).toBeLessThan(lookCount(2, 2 ** 20));
  });

  it("shrinks: shrinking stops after maxShrinks evaluations; the counterexample stays refuted", () => {
    let calls = 0;
    let firstFailureAt = -1;
    const claim = defineClaim({
      ...base,
      id: "budget-shrinks",
      scenario: fc.integer({ min: 0, max: 1_000_000 }),
      simulate: (x, range) => {
        calls++;
        // False only above 500,000: shrinking toward 0 bisects for ~20 steps.
        return { v: Float64Array.from(small(range.count), (v) => v + (x > 500_000 ? 2 : 0)) };
      },
      checks: () => [meanAtMost("v", 1)],
      budget: { scenarios: 20, replicates: 10, maxReplicates: 10, maxShrinks: 3 },
    });
    const report = checkClaim(claim, { rootSeed: 1 });
    firstFailureAt = report.scenarios.length;
    expect(report.endedBy).toBe("shrinks");
    expect(report.counterexample?.verdict.outcome).toBe("refuted");
    // The first failing scenario, then at most 3 shrink candidates (no re-run of the winner).
    expect(calls).toBeLessThanOrEqual(firstFailureAt + 3);
    expect(report.warnings.join()).toMatch(/shrink budget \(3 scenarios\)/);
  });

  it("budget values are validated", () => {
    const def = {
      ...base,
      id: "budget-bad",
      scenario: fc.constant(0),
      simulate: () => ({ v: new Float64Array(0) }),
      checks: () => [meanAtMost("v", 1)],
    };
    expect(() => defineClaim({ ...def, budget: { timeLimitMs: 0 } })).toThrow(ClaimDefinitionError);
    expect(() => defineClaim({ ...def, budget: { maxShrinks: -1 } })).toThrow(
      /budget-bad: budget\.maxShrinks must be an integer >= 0/,
    );
  });
});
