import type { Claim } from "./defineClaim.ts";

/**
 * The claims registered by {@link verifyClaim} in this process, by id. Kept on `globalThis`
 * (under a registered symbol) so a property file that reaches the harness through its package
 * name and a loader that imports it by relative path share one registry.
 */
interface RegistryState {
  readonly claims: Map<string, RegisteredClaim>;
  /** When set, verifyClaim only registers (a loader imports property files outside vitest). */
  registerOnly: boolean;
}

const KEY = Symbol.for("collapse-harness.claim-registry");

function state(): RegistryState {
  const g = globalThis as { [KEY]?: RegistryState };
  g[KEY] ??= { claims: new Map(), registerOnly: false };
  return g[KEY];
}

/** A claim as verifyClaim registered it, with what its test requires. */
export interface RegisteredClaim {
  readonly claim: Claim<unknown>;
  /** `refuted` for a planted false claim. */
  readonly expect: "supported" | "refuted";
}

/** Records a claim under its id (the latest definition of an id wins). */
export function registerClaim<S>(
  claim: Claim<S>,
  expect: "supported" | "refuted" = "supported",
): void {
  state().claims.set(claim.id, { claim: claim as Claim<unknown>, expect });
}

/** The registered claims, by id. */
export function registeredClaims(): ReadonlyMap<string, RegisteredClaim> {
  return state().claims;
}

/**
 * Switches register-only mode: while on, verifyClaim registers its claim and declares no
 * vitest test, so property files can be imported by the CLI (`collapse list`, `replay`).
 */
export function setRegisterOnly(on: boolean): void {
  state().registerOnly = on;
}

/** Whether verifyClaim should declare a vitest test: inside a vitest run, not register-only. */
export function declaresTests(env: NodeJS.ProcessEnv = process.env): boolean {
  return !state().registerOnly && env.VITEST !== undefined;
}
