import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The config files vitest looks for in its root, in its order. */
const CONFIG_FILES = ["vitest.config", "vite.config"].flatMap((name) =>
  [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"].map((ext) => name + ext),
);

/** The preset as a config file (src/vitestDefaultConfig.ts, built to .js). */
export const PRESET_CONFIG_FILE = fileURLToPath(
  new URL(
    `../../vitestDefaultConfig${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
    import.meta.url,
  ),
);

/**
 * The vitest config to run claims in `root` with: the project's own (which should build on
 * `collapse-harness/vitest`'s preset), else the preset itself.
 */
export function vitestConfigFile(root: string): string {
  for (const name of CONFIG_FILES) {
    const file = join(root, name);
    if (existsSync(file)) return file;
  }
  return PRESET_CONFIG_FILE;
}
