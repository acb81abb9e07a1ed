/**
 * `collapse-harness/vitest`: the vitest preset for claim files, and the reporter.
 *
 * ```ts
 * // vitest.config.ts
 * import { collapsePreset } from "collapse-harness/vitest";
 * import { defineConfig, mergeConfig } from "vitest/config";
 *
 * export default mergeConfig(collapsePreset(), defineConfig({ test: { include: ["properties/**\/*.test.ts"] } }));
 * ```
 *
 * The preset brings the root-seed set-up (COLLAPSE_SEED resolved and printed once per run, one
 * seed for every worker, `random` drawing one), the project plug-ins set-up (package.json
 * `collapse.plugins`), the share of the cores each test worker's `runReplicates` may use
 * (COLLAPSE_THREADS: every core for one claim file, one per file for many), and timeouts sized
 * for statistical tests. `collapse verify` runs a
 * project without a vitest config with exactly this preset.
 */
import type { ViteUserConfig } from "vitest/config";
import { type EvidenceDetail, EvidenceReporter } from "./report/vitest/evidenceReporter.ts";
import { CollapseReporter } from "./report/vitest/reporter.ts";
import { ThreadShareReporter } from "./report/vitest/threadShareReporter.ts";

export {
  type EvidenceDetail,
  EvidenceReporter,
  type EvidenceReporterOptions,
} from "./report/vitest/evidenceReporter.ts";
export {
  CollapseReporter,
  type CollapseReporterOptions,
  type CollectedModuleError,
  type CollectedRun,
  type CollectedTest,
} from "./report/vitest/reporter.ts";

/** Options of {@link collapsePreset}. */
export interface CollapsePresetConstraints {
  /**
   * Per-test timeout in ms: a claim simulates thousands of chains, far beyond vitest's 5 s on a
   * small machine. @defaultValue 120000
   */
  testTimeout?: number;
  /** Hook and set-up timeout in ms. @defaultValue 60000 */
  hookTimeout?: number;
  /**
   * Also write every claim test's `task.meta.collapse` evidence (verdicts, estimates,
   * intervals, counterexample) to this JSON file, relative to the vitest root, next to vitest's
   * default reporter. @defaultValue undefined (no file)
   */
  evidence?: string;
  /**
   * The claim evidence table printed after vitest's own output: `summary` (one line per claim:
   * verdict, scenarios, replicates, smallest p-value, time), `scenarios` (also one line per
   * scenario) or `off`; `COLLAPSE_EVIDENCE` overrides it for one run. @defaultValue "summary"
   */
  claimEvidence?: EvidenceDetail;
}

/** Built files end in .js, sources in .ts: the set-up files sit next to this module. */
const EXTENSION = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

function sibling(path: string): string {
  return decodeURIComponent(new URL(`${path}${EXTENSION}`, import.meta.url).pathname);
}

/**
 * The vitest configuration claim files need; merge your own settings over it with vitest's
 * `mergeConfig`.
 */
export function collapsePreset(constraints: CollapsePresetConstraints = {}): ViteUserConfig {
  const { testTimeout = 120_000, hookTimeout = 60_000, evidence } = constraints;
  const table = new EvidenceReporter({ detail: constraints.claimEvidence ?? "summary" });
  return {
    test: {
      globalSetup: [sibling("./claims/vitestGlobalSetup")],
      setupFiles: [sibling("./claims/vitestSetup")],
      testTimeout,
      hookTimeout,
      reporters: [
        "default",
        table,
        new ThreadShareReporter(),
        ...(evidence !== undefined ? [new CollapseReporter({ outputFile: evidence })] : []),
      ],
    },
  };
}
