import { lookCount, type Outcome } from "../verdict/index.ts";
import type { ClaimReport } from "./checkClaim.ts";
import type { ClaimBudget } from "./defineClaim.ts";

/** What one calibration run (one claim at one root seed) produced. */
export interface CalibrationRun {
  readonly rootSeed: number;
  readonly status: Outcome;
  /**
   * The smallest p-value of any check in the scenarios fast-check drew (shrink candidates
   * excluded), or null when no scenario was decided (a spent time budget).
   */
  readonly minPValue: number | null;
  /**
   * The run-level Bonferroni-adjusted p-value: min over scenarios and checks of
   * p × scenarios × checks × looks (the divisor the budget split α by), capped at 1. Under a
   * true claim it is super-uniform, P(adjusted ≤ u) ≤ u, so its ECDF lies on or under the
   * diagonal; 1 when no scenario was decided.
   */
  readonly adjustedPValue: number;
  /** Scenarios evaluated (up to and including the first failing one). */
  readonly scenarios: number;
  /** Replicates simulated over those scenarios. */
  readonly replicates: number;
  /** Wall time of the run. */
  readonly wallMs: number;
}

/**
 * The calibration record of one run. The adjusted p-value multiplies each check's p-value by the
 * divisor α was split by (checkClaim: α/scenarios per scenario, evaluateScenario: /(checks ×
 * looks)), so `adjusted ≤ α` exactly when some test met its Bonferroni share. Only the drawn
 * scenarios count: a shrunk counterexample is searched for, so its p-value is not uniform.
 * Each check's recorded p-value is that of the look it was decided at (or the last look), one
 * of the looks the union bound covers, so the minimum stays super-uniform (see
 * docs/theory.md#calibration).
 */
export function calibrationRecord(
  report: ClaimReport,
  budget: Pick<Required<ClaimBudget>, "replicates" | "maxReplicates">,
  scenarioCount: number,
): CalibrationRun {
  const looks = lookCount(budget.replicates, budget.maxReplicates);
  let minP = Number.POSITIVE_INFINITY;
  let adjusted = 1;
  let replicates = 0;
  for (const s of report.scenarios) {
    replicates += s.verdict.replicates;
    const divisor = scenarioCount * s.verdict.evidence.length * looks;
    for (const e of s.verdict.evidence) {
      if (!Number.isFinite(e.pValue)) continue;
      minP = Math.min(minP, e.pValue);
      adjusted = Math.min(adjusted, e.pValue * divisor);
    }
  }
  return {
    rootSeed: report.rootSeed,
    status: report.status,
    minPValue: Number.isFinite(minP) ? minP : null,
    adjustedPValue: Math.min(1, adjusted),
    scenarios: report.scenarios.length,
    replicates,
    wallMs: report.durationMs,
  };
}
