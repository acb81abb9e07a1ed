import fc from "fast-check";
import {
  CHECK_RULES,
  type Check,
  checkObservations,
  type Observations,
  type ScenarioVerdict,
} from "../verdict/index.ts";

/** In what sense a claim holds. */
export const CLAIM_KINDS = [
  "sure",
  "almost-sure",
  "in-expectation",
  "in-probability",
  "bound",
  "ordering",
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Where a claim comes from. */
export interface Citation {
  /** Paper, e.g. `Shumailov et al., Nature 631 (2024)`. */
  readonly source: string;
  /** Theorem, equation or section, e.g. `Theorem 3.1`. */
  readonly where: string;
}

/** The replicates a simulation call must produce: [first, first + count) under `seed`. */
export interface ReplicateRange {
  /** Seed for this scenario's streams (derive(seed, …) inside the simulation). */
  readonly seed: string;
  readonly first: number;
  readonly count: number;
}

/** Error budget and replicate schedule of a claim. */
export interface ClaimBudget {
  /**
   * False-alarm budget of one property run: the probability that a true claim fails, split
   * Bonferroni over scenarios × checks × looks. @defaultValue 1e-6
   */
  readonly alpha?: number;
  /** Random scenarios per run (fast-check numRuns). @defaultValue 8 */
  readonly scenarios?: number;
  /** Replicates at the first look. @defaultValue 200 */
  readonly replicates?: number;
  /** Cap of the doubling schedule. @defaultValue 3200 */
  readonly maxReplicates?: number;
  /** Inconclusive after the cap fails the property (true) or only warns. @defaultValue true */
  readonly strict?: boolean;
  /**
   * CPU-time budget of one run (ms of this process's CPU, every thread: a loaded machine slows a
   * run without spending its budget), well under the 300 s test timeout of `verifyClaim`: once
   * spent, no further look, scenario or shrink step starts; the claim ends with the evidence
   * gathered so far and its report says the time budget ended it (`endedBy: "time"`).
   * @defaultValue 90000
   */
  readonly timeLimitMs?: number;
  /**
   * Shrink budget: scenarios evaluated while shrinking a counterexample. Once spent, the last
   * counterexample found is reported (`endedBy: "shrinks"`). @defaultValue 40
   */
  readonly maxShrinks?: number;
}

/** What a claim author writes. */
export interface ClaimDefinition<S> {
  /** Stable id, kebab-case, e.g. `gaussian-replace-log-variance`. */
  readonly id: string;
  readonly title: string;
  readonly citation: Citation;
  /** The statement in words. */
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly assumptions?: readonly string[];
  /** Random settings the claim is quantified over (a seed is added by the harness). */
  readonly scenario: fc.Arbitrary<S>;
  /** Runs the simulation for a range of replicates; returns per-replicate observations. */
  simulate(scenario: S, replicates: ReplicateRange): Observations;
  /** The decision rules for a scenario. */
  checks(scenario: S): readonly Check[];
  readonly budget?: ClaimBudget;
  /**
   * Optional tables for reports, computed from the evaluated scenarios (e.g. the collapse matrix):
   * stored in the claim's report under `tables`. Must be plain, JSON-safe data.
   */
  tables?(scenarios: readonly ClaimScenario<S>[]): Readonly<Record<string, unknown>>;
}

/** What `tables` sees of each evaluated scenario: setting, checks, verdict and observations. */
export interface ClaimScenario<S> {
  readonly setting: S;
  readonly checks: readonly Check[];
  readonly verdict: ScenarioVerdict;
  /** Every replicate's observations at the final look. */
  readonly observations: Observations;
}

/** A validated claim (budget filled with defaults). */
export interface Claim<S> extends ClaimDefinition<S> {
  readonly budget: Required<ClaimBudget>;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Thrown for an invalid claim definition; the message starts with the claim id. */
export class ClaimDefinitionError extends Error {
  constructor(id: string, message: string) {
    super(`${id}: ${message}`);
    this.name = "ClaimDefinitionError";
  }
}

/**
 * Validates a claim definition eagerly and fills in the budget defaults. Also draws a few
 * scenarios from the arbitrary (fixed seed) and builds their checks, so an arbitrary that can
 * produce an invalid setting fails here, with the claim id and the offending scenario.
 */
export function defineClaim<S>(definition: ClaimDefinition<S>): Claim<S> {
  const d = definition;
  const id = typeof d?.id === "string" && ID.test(d.id) ? d.id : "defineClaim";
  const fail = (message: string): never => {
    throw new ClaimDefinitionError(id, message);
  };
  if (typeof d?.id !== "string" || !ID.test(d.id)) {
    fail(`id must be kebab-case (a-z, 0-9, -), got ${JSON.stringify(d?.id)}`);
  }
  for (const key of ["title", "statement"] as const) {
    if (typeof d[key] !== "string" || d[key].trim() === "") fail(`${key} is missing`);
  }
  if (
    typeof d.citation !== "object" ||
    d.citation === null ||
    typeof d.citation.source !== "string" ||
    d.citation.source.trim() === "" ||
    typeof d.citation.where !== "string" ||
    d.citation.where.trim() === ""
  ) {
    fail("citation is missing: give { source: paper, where: theorem/section }");
  }
  if (!(CLAIM_KINDS as readonly string[]).includes(d.kind)) {
    fail(`kind must be one of ${CLAIM_KINDS.join(", ")}, got ${JSON.stringify(d.kind)}`);
  }
  if (!(d.scenario instanceof fc.Arbitrary)) fail("scenario must be a fast-check arbitrary");
  if (typeof d.simulate !== "function") fail("simulate must be a function");
  if (typeof d.checks !== "function") fail("checks must be a function");
  const b = d.budget ?? {};
  const budget: Required<ClaimBudget> = {
    alpha: b.alpha ?? 1e-6,
    scenarios: b.scenarios ?? 8,
    replicates: b.replicates ?? 200,
    maxReplicates: b.maxReplicates ?? 3200,
    strict: b.strict ?? true,
    timeLimitMs: b.timeLimitMs ?? 90_000,
    maxShrinks: b.maxShrinks ?? 40,
  };
  if (typeof budget.timeLimitMs !== "number" || !(budget.timeLimitMs > 0)) {
    fail(`budget.timeLimitMs must be a number > 0, got ${JSON.stringify(budget.timeLimitMs)}`);
  }
  if (!Number.isSafeInteger(budget.maxShrinks) || budget.maxShrinks < 0) {
    fail(`budget.maxShrinks must be an integer >= 0, got ${JSON.stringify(budget.maxShrinks)}`);
  }
  if (typeof budget.alpha !== "number" || !(budget.alpha > 0 && budget.alpha < 0.5)) {
    fail(`budget.alpha must be in (0, 0.5), got ${JSON.stringify(budget.alpha)}`);
  }
  if (typeof budget.strict !== "boolean") {
    fail(`budget.strict must be true or false, got ${JSON.stringify(budget.strict)}`);
  }
  if (!Number.isSafeInteger(budget.scenarios) || budget.scenarios < 1) {
    fail(`budget.scenarios must be an integer >= 1, got ${budget.scenarios}`);
  }
  if (!Number.isSafeInteger(budget.replicates) || budget.replicates < 2) {
    fail(`budget.replicates must be an integer >= 2, got ${budget.replicates}`);
  }
  if (!Number.isSafeInteger(budget.maxReplicates) || budget.maxReplicates < budget.replicates) {
    fail(
      `budget.maxReplicates must be an integer >= budget.replicates, got ${budget.maxReplicates}`,
    );
  }
  // Probe the arbitrary: every setting it can produce must give valid checks.
  for (const s of fc.sample(d.scenario, { numRuns: 20, seed: 42 })) {
    let checks: readonly Check[] = [];
    try {
      checks = d.checks(s);
    } catch (e) {
      fail(
        `the scenario arbitrary produced an invalid setting ${fc.stringify(s)}: ${(e as Error).message}`,
      );
    }
    if (!Array.isArray(checks) || checks.length === 0) {
      fail(`checks(${fc.stringify(s)}) must return at least one check`);
    }
    for (const c of checks) {
      const rule = (c as { rule?: unknown } | null)?.rule;
      if (!(CHECK_RULES as readonly unknown[]).includes(rule)) {
        fail(
          `checks(${fc.stringify(s)}) returned ${fc.stringify(c)}, which is not a check: build checks with the decision rules (meanEquals, meanWithin, probabilityAtLeast, …; rules: ${CHECK_RULES.join(", ")})`,
        );
      }
      if (checkObservations(c).some((name) => typeof name !== "string" || name === "")) {
        fail(`a check for ${fc.stringify(s)} names no observation`);
      }
    }
  }
  return Object.freeze({ ...d, budget });
}
