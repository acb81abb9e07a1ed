import { registeredPlugins } from "../chain/specs.ts";
import type { FamilyEntry } from "../families/defineFamily.ts";
import { modelKinds } from "../model/kinds.ts";
import type { RegimeEntry } from "../regimes/regime.ts";
import { describeParams, specSignature } from "../util/params.ts";

/** The registries `collapse list` can print (built-ins and loaded plug-ins alike). */
export const PLUGIN_SECTIONS = ["truths", "families", "regimes", "transforms", "metrics"] as const;
export type PluginSection = (typeof PLUGIN_SECTIONS)[number];

/**
 * An entry's one-line description as listed: a family that averages weighted parts (defines
 * `fitWeighted`) says so, since only those run under a regime that weights its sources.
 */
function listedDescription(entry: { description: string; fitWeighted?: unknown }): string {
  return entry.fitWeighted === undefined
    ? entry.description
    : `${entry.description}; per-source weights (weighted-fresh): parameters averaged`;
}

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
        out.push(`  ${specSignature(m.name, m.params)}  — ${m.description}`);
        for (const line of describeParams(m.params)) out.push(`      ${line}`);
        out.push(
          `      applies to: ${kinds.filter((k) => m.supports(k)).join(", ") || "(no kind)"}`,
        );
      }
    } else {
      for (const entry of all[section]) {
        out.push(`  ${specSignature(entry.name, entry.params)}  — ${listedDescription(entry)}`);
        for (const line of describeParams(entry.params)) out.push(`      ${line}`);
      }
    }
    out.push("");
  }
  return out.join("\n");
}

/**
 * The same reference as {@link formatPlugins}, as JSON (`collapse list --truths --json`): per
 * section the entries with name, description, whether built in and the parameter schemas (type,
 * default, range, choices); metrics with the model kinds they apply to.
 */
export function formatPluginsJson(sections: readonly PluginSection[] = PLUGIN_SECTIONS): string {
  const all = registeredPlugins();
  const kinds = modelKinds().map((k) => k.kind);
  const out: Record<string, unknown> = {};
  for (const section of sections) {
    out[section] =
      section === "metrics"
        ? all.metrics.map((m) => ({
            name: m.name,
            description: m.description,
            builtin: m.builtin,
            params: m.params,
            appliesTo: kinds.filter((k) => m.supports(k)),
          }))
        : all[section].map((e) => ({
            name: e.name,
            description: e.description,
            builtin: e.builtin,
            // Schemas are plain data but for an optional `check` function, which JSON drops.
            params: e.params,
            // Families: whether they fit weighted parts; regimes: whether they build them.
            ...(section === "families"
              ? { perSourceWeights: (e as FamilyEntry).fitWeighted !== undefined }
              : {}),
            ...(section === "regimes" ? { weighted: (e as RegimeEntry).weighted } : {}),
          }));
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * The same reference as {@link formatPlugins}, in Markdown: the README's list of truths,
 * families, regimes, transforms and metrics is this text (test/cli/readmeReference.test.ts
 * checks it), so the README never holds a second, hand-kept copy of the definitions.
 */
export function formatPluginsMarkdown(
  sections: readonly PluginSection[] = PLUGIN_SECTIONS,
): string {
  const all = registeredPlugins();
  const out: string[] = [];
  for (const section of sections) {
    out.push(`**${section[0].toUpperCase()}${section.slice(1)}**`, "");
    if (section === "metrics") {
      const kinds = modelKinds().map((k) => k.kind);
      for (const m of all.metrics) {
        const applies = kinds.filter((k) => m.supports(k)).join(", ") || "(no kind)";
        out.push(
          `- \`${specSignature(m.name, m.params)}\` — ${m.description}. Applies to: ${applies}.`,
        );
        for (const line of describeParams(m.params)) {
          const [key, ...rest] = line.split(": ");
          out.push(`  - \`${key}\`: ${rest.join(": ")}`);
        }
      }
    } else {
      for (const entry of all[section]) {
        out.push(`- \`${specSignature(entry.name, entry.params)}\` — ${listedDescription(entry)}`);
        for (const line of describeParams(entry.params)) {
          const [key, ...rest] = line.split(": ");
          out.push(`  - \`${key}\`: ${rest.join(": ")}`);
        }
      }
    }
    out.push("");
  }
  return out.join("\n");
}

const REFERENCE_START = /<!-- reference:start[^>]*-->\n/;
const REFERENCE_END = "<!-- reference:end -->";

/**
 * The generated reference block of a README (between `<!-- reference:start … -->` and
 * `<!-- reference:end -->`), without the blank lines around it.
 */
export function readmeReference(readme: string): string {
  const start = REFERENCE_START.exec(readme);
  const end = readme.indexOf(REFERENCE_END);
  if (start === null || end < start.index) {
    throw new Error("README has no <!-- reference:start --> … <!-- reference:end --> block");
  }
  return readme.slice(start.index + start[0].length, end).trim();
}

/** `readme` with its reference block replaced by `reference`. */
export function spliceReadmeReference(readme: string, reference: string): string {
  const old = readmeReference(readme);
  const at = readme.indexOf(old, REFERENCE_START.exec(readme)?.index ?? 0);
  return `${readme.slice(0, at)}${reference.trim()}${readme.slice(at + old.length)}`;
}
