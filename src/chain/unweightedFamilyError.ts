import { familyRegistry } from "../families/defineFamily.ts";
import type { AnyFamily } from "../families/family.ts";
import type { Regime } from "../regimes/regime.ts";
import { InvalidParameterError } from "../util/validate.ts";

/**
 * The error for a family without `fitWeighted` under a regime whose training sets are weighted
 * parts: it names the family, the regime and the registered families that do support per-source
 * weights, so the fix is in the message.
 */
export function unweightedFamilyError(family: AnyFamily, regime: Regime): InvalidParameterError {
  const supporting = familyRegistry
    .list()
    .filter((f) => f.fitWeighted !== undefined)
    .map((f) => f.name);
  return new InvalidParameterError(
    "runChains",
    "family",
    `"${family.id}" does not support per-source weights (regime "${regime.kind}" fits its real and synthetic parts apart and averages them; families that do: ${supporting.join(", ") || "none registered"})`,
    family.id,
  );
}
