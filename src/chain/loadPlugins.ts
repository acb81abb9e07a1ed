import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidParameterError } from "../util/validate.ts";

/**
 * Imports plug-in modules, each of which registers its definitions when loaded (a module is
 * loaded once per thread, so loading twice is harmless). A path (`./plugins/exp.ts`, absolute,
 * or anything with a `/` that starts with `.`) is resolved against `cwd`; anything else is a
 * package name resolved by Node.
 */
export async function loadPlugins(
  modules: readonly string[] = [],
  cwd: string = process.cwd(),
): Promise<void> {
  for (const m of modules) {
    if (typeof m !== "string" || m.trim() === "") {
      throw new InvalidParameterError(
        "plugins",
        "module",
        "must be a module path or package name",
        m,
      );
    }
    const isPath = m.startsWith(".") || isAbsolute(m);
    const specifier = isPath ? pathToFileURL(resolve(cwd, m)).href : m;
    try {
      await import(specifier);
    } catch (error) {
      if (
        (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" &&
        String(error).includes(m.replace(/^\.\//, ""))
      ) {
        throw new InvalidParameterError(
          "plugins",
          "module",
          `must exist (${(error as Error).message})`,
          m,
        );
      }
      throw error;
    }
  }
}

/**
 * The plug-in modules a project registers for all its claims and CLI runs: the `plugins` list
 * of the `collapse` field in its package.json, e.g. `"collapse": { "plugins":
 * ["./plugins/exponential.ts"] }` (paths relative to the project root). @defaultValue []
 */
export function projectPlugins(root: string = process.cwd()): string[] {
  const file = join(root, "package.json");
  if (!existsSync(file)) return [];
  const config = (JSON.parse(readFileSync(file, "utf8")) as { collapse?: { plugins?: unknown } })
    .collapse;
  const plugins = config?.plugins ?? [];
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== "string")) {
    throw new InvalidParameterError(
      `${file}: collapse`,
      "plugins",
      "must be a list of module paths or package names",
      plugins,
    );
  }
  return plugins;
}

/** Loads the project's registered plug-ins ({@link projectPlugins}), resolved from its root. */
export async function loadProjectPlugins(root: string = process.cwd()): Promise<void> {
  await loadPlugins(projectPlugins(root), root);
}
