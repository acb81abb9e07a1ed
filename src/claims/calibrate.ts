import { assertInteger } from "../util/validate.ts";
import { clopperPearson } from "../verdict/index.ts";
import { checkClaim } from "./checkClaim.ts";
import type { Claim } from "./defineClaim.ts";

/** Result of running a claim over many fresh root seeds. */
export interface CalibrationResult {
  readonly claim: string;
  readonly runs: number;
  /** Runs whose property failed (refuted, or inconclusive in strict mode). */
  readonly failures: number;
  readonly refuted: number;
  readonly inconclusive: number;
  readonly rate: number;
  /** Two-sided 95% Clopper–Pearson interval of the failure rate. */
  readonly interval: readonly [number, number];
  /** The α each run was checked at (the nominal false-alarm rate for a true claim). */
  readonly alpha: number;
  readonly rootSeeds: readonly [number, number];
}

/** Options of {@link calibrateClaim}. */
export interface CalibrateConstraints {
  /** Number of root seeds (runs). @defaultValue 200 */
  seeds?: number;
  /** First root seed; runs use firstSeed, firstSeed + 1, … @defaultValue 1 */
  firstSeed?: number;
  /** α override (a nominal rate high enough to measure, e.g. 0.05). @defaultValue the claim's */
  alpha?: number;
  /** Scenarios per run override. @defaultValue the claim's */
  scenarios?: number;
  /** Called after each run. */
  onRun?: (done: number, total: number) => void;
}

/**
 * Runs a claim over N root seeds and reports how often the property failed, with a 95%
 * Clopper–Pearson interval: for a true claim this is the observed false-alarm rate, to set
 * against the nominal α; for a planted false claim it is the power.
 */
export function calibrateClaim<S>(
  claim: Claim<S>,
  c: CalibrateConstraints = {},
): CalibrationResult {
  const seeds = c.seeds ?? 200;
  const first = c.firstSeed ?? 1;
  assertInteger("calibrateClaim", "seeds", seeds, 1);
  assertInteger("calibrateClaim", "firstSeed", first);
  let refuted = 0;
  let inconclusive = 0;
  for (let i = 0; i < seeds; i++) {
    const r = checkClaim(claim, { rootSeed: first + i, alpha: c.alpha, scenarios: c.scenarios });
    if (r.status === "refuted") refuted++;
    else if (r.status === "inconclusive") inconclusive++;
    c.onRun?.(i + 1, seeds);
  }
  const failures = refuted + inconclusive;
  return {
    claim: claim.id,
    runs: seeds,
    failures,
    refuted,
    inconclusive,
    rate: failures / seeds,
    interval: clopperPearson(failures, seeds, 0.025, 0.025),
    alpha: c.alpha ?? claim.budget.alpha,
    rootSeeds: [first, first + seeds - 1],
  };
}
