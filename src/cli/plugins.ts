import { registeredPlugins } from "../chain/specs.ts";
import { modelKinds } from "../model/kinds.ts";
import { describeParams, specSignature } from "../util/params.ts";

/** The registries `collapse list` can print (built-ins and loaded plug-ins alike). */
export const PLUGIN_SECTIONS = ["truths", "families", "regimes", "transforms", "metrics"] as const;
export type PluginSection = (typeof PLUGIN_SECTIONS)[number];

/**
 * Help text for registered plug-ins, generated from their definitions (never a second copy):
 * each with its spec signature, one-line description and parameters with types, ranges and
 * defaults; each metric with the model kinds it applies to (derived from their operation tables).
 */
export function formatPlugins(sections: readonly PluginSection[] = PLUGIN_SECTIONS): string {
  const all = registeredPlugins();
  const out: string[] = [];
  for (const section of sections) {
    out.push(`${section[0].toUpperCase()}${section.slice(1)}:`);
    if (section === "metrics") {
      const kinds = modelKinds().map((k) => k.kind);
      for (const m of all.metrics) {
        out.push(`  ${m.name}  — ${m.description}`);
        out.push(
          `      applies to: ${kinds.filter((k) => m.supports(k)).join(", ") || "(no kind)"}`,
        );
      }
    } else {
      for (const entry of all[section]) {
        out.push(`  ${specSignature(entry.name, entry.params)}  — ${entry.description}`);
        for (const line of describeParams(entry.params)) out.push(`      ${line}`);
      }
    }
    out.push("");
  }
  return out.join("\n");
}
