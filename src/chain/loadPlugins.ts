import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { importModule } from "../util/importModule.ts";
import { projectConfig } from "../util/projectConfig.ts";
import { registryCopies } from "../util/registry.ts";
import { InvalidParameterError } from "../util/validate.ts";

/** Whether a plug-in module names a file (`./x.ts`, `../x.ts`, absolute) rather than a package. */
function isPath(m: string): boolean {
  return m.startsWith(".") || isAbsolute(m);
}

/**
 * The specifier to import a plug-in module by: a file URL for a path (resolved against `cwd`),
 * the package name otherwise.
 */
export function pluginSpecifier(m: string, cwd: string = process.cwd()): string {
  return isPath(m) ? pathToFileURL(resolve(cwd, m)).href : m;
}

/** The specifiers of the plug-in modules loaded in this thread, in load order. */
const loaded: string[] = [];

/**
 * The plug-in modules this thread has loaded through {@link loadPlugins} (file URLs or package
 * names): what a worker thread loads to know the same definitions.
 */
export function loadedPlugins(): readonly string[] {
  return [...loaded];
}

/**
 * Imports plug-in modules, each of which registers its definitions when loaded (a module is
 * loaded once per thread, so loading twice is harmless). A path (`./plugins/exp.ts`, absolute,
 * or anything with a `/` that starts with `.`) is resolved against `cwd`; anything else is a
 * package name resolved by Node. `load` imports one specifier (vitest's setup file passes its
 * own `import`, so plug-ins load through vitest's module graph). @defaultValue importModule
 */
export async function loadPlugins(
  modules: readonly string[] = [],
  cwd: string = process.cwd(),
  load: (specifier: string) => Promise<unknown> = importModule,
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
    const { running, loaded: copies } = registryCopies();
    const before = copies.length;
    const specifier = pluginSpecifier(m, cwd);
    try {
      await load(specifier);
    } catch (error) {
      // A package specifier names its package in the error ('plugins' for plugins/x.ts).
      const packageName = m.startsWith("@") ? m.split("/").slice(0, 2).join("/") : m.split("/")[0];
      const text = String(error);
      if (
        (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" &&
        (text.includes(m.replace(/^\.\//, "")) || (!isPath(m) && text.includes(`'${packageName}'`)))
      ) {
        // `plugins/x.ts` is read as a package name; say so when such a file exists.
        const hint =
          !isPath(m) && existsSync(resolve(cwd, m))
            ? `; ${m} is read as a package name — a file path starts with ./ or /: ./${m}`
            : "";
        throw new InvalidParameterError(
          "plugins",
          "module",
          `must exist (${(error as Error).message})${hint}`,
          m,
        );
      }
      throw error;
    }
    const other = copies.slice(before).find((url) => url !== running);
    if (other !== undefined) {
      throw new InvalidParameterError(
        "plugins",
        "module",
        `must register into the running collapse-harness (${running}), but it loaded another copy (${other}), whose registries this run never reads — run from the project root whose tsconfig or package.json resolves collapse-harness for the plug-in, or make both import one installed collapse-harness`,
        m,
      );
    }
    if (!loaded.includes(specifier)) loaded.push(specifier);
  }
}

/**
 * The plug-in modules a project registers for all its claims and CLI runs: the `plugins` list
 * of the `collapse` field in its package.json, e.g. `"collapse": { "plugins":
 * ["./plugins/exponential.ts"] }` (paths relative to the project root). @defaultValue []
 */
export function projectPlugins(root: string = process.cwd()): string[] {
  return [...projectConfig(root).plugins];
}

/** Loads the project's registered plug-ins ({@link projectPlugins}), resolved from its root. */
export async function loadProjectPlugins(
  root: string = process.cwd(),
  load: (specifier: string) => Promise<unknown> = importModule,
): Promise<void> {
  await loadPlugins(projectPlugins(root), root, load);
}
