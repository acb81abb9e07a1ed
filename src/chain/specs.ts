import { type FamilyEntry, familyRegistry, instantiateFamily } from "../families/defineFamily.ts";
import type { AnyFamily } from "../families/family.ts";
import { type Metric, metricRegistry } from "../metrics/metric.ts";
import type { DataKind } from "../model/data.ts";
import { checkRegime, type Regime, type RegimeEntry, regimeRegistry } from "../regimes/regime.ts";
import {
  checkTransform,
  type Transform,
  type TransformEntry,
  transformRegistry,
} from "../transforms/transform.ts";
import { instantiateTruth, type TruthEntry, truthRegistry } from "../truths/defineTruth.ts";
import type { Truth } from "../truths/truth.ts";
import { parseSpec, resolveParams } from "../util/params.ts";
import type { Registered, Registry } from "../util/registry.ts";

/**
 * Specs are `name:key=value,key=value`, e.g. `zipf:k=100,s=1.1`, `kde:bandwidth=0.05`,
 * `fresh:real=100`. A list value separates its items with `/`: `gmm:weights=0.95/0.05,...`.
 * Every name comes from a registry, so a plug-in registered with `defineTruth`, `defineFamily`,
 * `defineRegime` or `defineTransform` is usable here exactly like a built-in.
 */
function resolveSpec<T extends Registered>(
  registry: Registry<T>,
  text: string,
): [T, Readonly<Record<string, unknown>>] {
  const spec = parseSpec(registry.kind, text);
  const entry = registry.get(spec.name);
  return [entry, resolveParams(`${registry.kind} "${spec.name}"`, entry.params, spec.params, true)];
}

/** The truth a spec names, e.g. `zipf:k=100,s=1.1`. */
export function truthFromSpec(text: string): Truth {
  const [entry, params] = resolveSpec(truthRegistry, text);
  return instantiateTruth(entry, params);
}

/**
 * The family a spec names, e.g. `kde:bandwidth=0.05`. A family that fits several data kinds
 * (`gmm`, `kde`: real and vector) is instantiated for `dataKind` — a chain's truth's — when given
 * and fitted, else for its main data kind.
 */
export function familyFromSpec(text: string, dataKind?: DataKind): AnyFamily {
  const [entry, params] = resolveSpec(familyRegistry, text);
  return instantiateFamily(entry, params, dataKind);
}

/** The regime a spec names, e.g. `fresh:lambda=1` → `{ kind: "fresh", lambda: 1 }`. */
export function regimeFromSpec(text: string): Regime {
  const [entry, params] = resolveSpec(regimeRegistry, text);
  return { kind: entry.name, ...params };
}

/** The transform a spec names, e.g. `top-p:p=0.9` → `{ kind: "top-p", p: 0.9 }`. */
export function transformFromSpec(text: string): Transform {
  const [entry, params] = resolveSpec(transformRegistry, text);
  return checkTransform({ kind: entry.name, ...params });
}

/** Validates a regime instance against its schema and M (re-exported for spec users). */
export { checkRegime };

/** Every registered plug-in, by kind, for `collapse list` and `collapse simulate --help`. */
export function registeredPlugins(): {
  truths: TruthEntry[];
  families: FamilyEntry[];
  regimes: RegimeEntry[];
  transforms: TransformEntry[];
  metrics: Metric[];
} {
  return {
    truths: truthRegistry.list(),
    families: familyRegistry.list(),
    regimes: regimeRegistry.list(),
    transforms: transformRegistry.list(),
    metrics: metricRegistry.list(),
  };
}
