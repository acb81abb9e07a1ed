import { randomInt } from "node:crypto";
import { parseDecimal } from "../util/parseDecimal.ts";
import { InvalidParameterError } from "../util/validate.ts";

/** The root seed used when COLLAPSE_SEED is not set. */
export const DEFAULT_ROOT_SEED = 20261126;

/**
 * The run's root seed from COLLAPSE_SEED: a non-negative integer, or `random` to draw one (the
 * only entropy the harness ever reads; the drawn seed is printed and written back to the
 * environment so every worker and the report use the same one). Unset: {@link DEFAULT_ROOT_SEED}.
 */
export function resolveRootSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.COLLAPSE_SEED;
  if (raw === undefined || raw.trim() === "") return DEFAULT_ROOT_SEED;
  if (raw.trim() === "random") {
    const drawn = randomInt(0, 2 ** 31 - 1);
    env.COLLAPSE_SEED = String(drawn);
    return drawn;
  }
  const v = parseDecimal(raw.trim()) ?? Number.NaN;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new InvalidParameterError(
      "COLLAPSE_SEED",
      "value",
      'must be a non-negative integer or "random"',
      raw,
    );
  }
  return v;
}
