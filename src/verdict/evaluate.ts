import type { z } from "zod";
import { cpuMilliseconds } from "../util/cpuClock.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import { type Check, checkObservations, type Observations } from "./checks.ts";
import type { DeepReadonly, ScenarioVerdictSchema } from "./contract.ts";
import { type Evidence, fmtSetting, type Outcome } from "./evidence.ts";
import {
  boundRule,
  meanEqualsRule,
  meanWithinRule,
  orderingRule,
  probabilityRule,
  probabilityWithinRule,
  quantileWithinRule,
  sureRule,
  type Violation,
} from "./rules.ts";

/** Replicate schedule and error budget of one scenario. */
export interface ScenarioBudget {
  /** α for the whole scenario, split Bonferroni over checks × looks. */
  readonly alpha: number;
  /** Replicates at the first look. */
  readonly replicates: number;
  /** Cap: looks double the replicates until this many. */
  readonly maxReplicates: number;
  /**
   * Process CPU time ({@link cpuMilliseconds}, ms) after which no further look is started: the
   * verdict is that of the last look (α stays split over every planned look, so it is only
   * conservative). @defaultValue none
   */
  readonly deadline?: number;
}

/** Verdict of one scenario. Fields: `verdictFields` (contract.ts). */
export type ScenarioVerdict = DeepReadonly<z.infer<typeof ScenarioVerdictSchema>>;

/** Number of looks in a doubling schedule from `replicates` to `maxReplicates`. */
export function lookCount(replicates: number, maxReplicates: number): number {
  let looks = 1;
  for (let n = replicates; n * 2 <= maxReplicates; n *= 2) looks++;
  return looks;
}

function values(obs: Observations, name: string, check: Check): Float64Array {
  const v = obs[name];
  if (!(v instanceof Float64Array)) {
    throw new InvalidParameterError(
      "evaluateScenario",
      `observation "${name}"`,
      `must be a Float64Array returned by the simulation (needed by a ${check.rule} check)`,
      v === undefined ? undefined : typeof v,
    );
  }
  return v;
}

function violationsOf(obs: Observations, name: string): readonly Violation[] {
  const v = obs[name];
  if (!Array.isArray(v)) {
    throw new InvalidParameterError(
      "evaluateScenario",
      `observation "${name}"`,
      "must be an array of violations returned by the simulation (needed by a sure check)",
      v === undefined ? undefined : typeof v,
    );
  }
  return v;
}

function countIndicator(x: Float64Array, name: string): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== 0 && x[i] !== 1) {
      throw new InvalidParameterError(
        "probability",
        `${name}[${i}]`,
        "must be a 0/1 indicator",
        x[i],
      );
    }
    s += x[i];
  }
  return s;
}

/**
 * Applies one check to the observations so far at per-test level α; the evidence's `claim` names
 * the observation(s) it is about, e.g. `logVariance: mean = -1.0135`.
 */
export function decide(check: Check, obs: Observations, n: number, alpha: number): Evidence {
  const e = decideRule(check, obs, n, alpha);
  const names = checkObservations(check).join(" > ");
  return { ...e, claim: `${names}: ${e.claim}` };
}

function decideRule(check: Check, obs: Observations, n: number, alpha: number): Evidence {
  switch (check.rule) {
    case "mean-equals":
      return meanEqualsRule(values(obs, check.observation, check), check.expected, {
        alpha,
        variance: check.variance,
        precision: check.precision ?? 0.01,
      });
    case "mean-within":
      return meanWithinRule(values(obs, check.observation, check), check.expected, {
        alpha,
        tolerance: check.tolerance,
        variance: check.variance,
      });
    case "bound":
      return boundRule(values(obs, check.observation, check), check.bound, check.direction, {
        alpha,
        variance: check.variance,
        margin: check.margin,
      });
    case "probability": {
      const x = values(obs, check.observation, check);
      return probabilityRule(countIndicator(x, check.observation), x.length, check.p, check.claim, {
        alpha,
        margin: check.margin,
      });
    }
    case "probability-within": {
      const x = values(obs, check.observation, check);
      return probabilityWithinRule(countIndicator(x, check.observation), x.length, check.expected, {
        alpha,
        tolerance: check.tolerance,
      });
    }
    case "quantile-within":
      return quantileWithinRule(values(obs, check.observation, check), check.q, check.expected, {
        alpha,
        tolerance: check.tolerance,
      });
    case "quantile": {
      const x = values(obs, check.observation, check);
      let k = 0;
      for (let i = 0; i < x.length; i++) {
        if (check.direction === "at-most" ? x[i] <= check.threshold : x[i] < check.threshold) k++;
      }
      const e = probabilityRule(
        k,
        x.length,
        check.q,
        check.direction === "at-most" ? "at-least" : "at-most",
        {
          alpha,
          margin: check.margin,
        },
      );
      const rel = check.direction === "at-most" ? "≤" : "≥";
      const q = fmtSetting(check.q);
      const t = fmtSetting(check.threshold);
      return {
        ...e,
        rule: "quantile",
        claim: `q${q} ${rel} ${t} (${e.claim.replace("P", check.direction === "at-most" ? `P(X ≤ ${t})` : `P(X < ${t})`)})`,
      };
    }
    case "ordering":
      return orderingRule(values(obs, check.greater, check), values(obs, check.smaller, check), {
        alpha,
        method: check.method,
        variance: check.variance,
      });
    case "sure":
      return sureRule(violationsOf(obs, check.invariant), n, check.what);
  }
}

function append(a: Observations | undefined, b: Observations): Observations {
  if (a === undefined) return b;
  const out: Record<string, Float64Array | readonly Violation[]> = {};
  for (const [k, v] of Object.entries(b)) {
    const prev = a[k];
    if (v instanceof Float64Array && prev instanceof Float64Array) {
      const joined = new Float64Array(prev.length + v.length);
      joined.set(prev);
      joined.set(v, prev.length);
      out[k] = joined;
    } else if (Array.isArray(v) && Array.isArray(prev)) {
      out[k] = [...prev, ...v];
    } else {
      throw new InvalidParameterError(
        "evaluateScenario",
        `observation "${k}"`,
        "must keep its type across looks",
        k,
      );
    }
  }
  return out;
}

/**
 * Evaluates a scenario sequentially: simulate `replicates`, decide every check at level
 * α/(checks × looks); while some check is inconclusive, double the replicates (reusing the
 * earlier ones) up to the cap (QuickCheck's checkCoverage style). The scenario is refuted if any
 * check is refuted, inconclusive if any is still inconclusive at the cap, else supported.
 * A sure check is decided on all replicates of the final look.
 */
export function evaluateScenario(
  checks: readonly Check[],
  simulate: (first: number, count: number) => Observations,
  budget: ScenarioBudget,
): ScenarioVerdict {
  return evaluateScenarioWithData(checks, simulate, budget).verdict;
}

/** {@link evaluateScenario}, also returning the observations of every replicate simulated. */
export function evaluateScenarioWithData(
  checks: readonly Check[],
  simulate: (first: number, count: number) => Observations,
  budget: ScenarioBudget,
): { verdict: ScenarioVerdict; observations: Observations } {
  const api = "evaluateScenario";
  if (checks.length === 0)
    throw new InvalidParameterError(api, "checks", "must be non-empty", checks);
  assertInteger(api, "replicates", budget.replicates, 2);
  assertInteger(api, "maxReplicates", budget.maxReplicates, budget.replicates);
  if (!(budget.alpha > 0 && budget.alpha < 0.5)) {
    throw new InvalidParameterError(api, "alpha", "must be in (0, 0.5)", budget.alpha);
  }
  const looks = lookCount(budget.replicates, budget.maxReplicates);
  const alphaPerTest = budget.alpha / (checks.length * looks);
  let obs: Observations | undefined;
  let n = 0;
  let target = budget.replicates;
  const decided: (Evidence | undefined)[] = checks.map(() => undefined);
  let latest: Evidence[] = [];
  let look = 0;
  let stoppedByDeadline = false;
  for (;;) {
    obs = append(obs, simulate(n, target - n));
    n = target;
    look++;
    latest = checks.map((c, i) => decided[i] ?? decide(c, obs as Observations, n, alphaPerTest));
    latest.forEach((e, i) => {
      if (e.outcome !== "inconclusive" && checks[i].rule !== "sure") decided[i] = e;
    });
    const pending = latest.some((e) => e.outcome === "inconclusive");
    const refuted = latest.some((e) => e.outcome === "refuted");
    if (refuted || !pending || target * 2 > budget.maxReplicates) break;
    if (budget.deadline !== undefined && cpuMilliseconds() > budget.deadline) {
      stoppedByDeadline = true;
      break;
    }
    target *= 2;
  }
  const outcome: Outcome = latest.some((e) => e.outcome === "refuted")
    ? "refuted"
    : latest.some((e) => e.outcome === "inconclusive")
      ? "inconclusive"
      : "supported";
  return {
    verdict: {
      outcome,
      evidence: latest,
      replicates: n,
      looks: look,
      alphaPerTest,
      ...(stoppedByDeadline ? { stoppedByDeadline: true as const } : {}),
    },
    observations: obs,
  };
}
