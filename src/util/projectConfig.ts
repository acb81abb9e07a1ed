import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import { InvalidParameterError } from "./validate.ts";

/** The claims folder when a project names none. */
export const DEFAULT_CLAIMS_FOLDER = "properties";

/** A project's harness settings: the `collapse` field of its package.json. */
export interface ProjectConfig {
  /**
   * Folder of the project's claim files (`*.test.ts`), relative to the project root.
   * @defaultValue "properties"
   */
  readonly claims: string;
  /**
   * Plug-in modules registered for every claim and CLI run: paths relative to the project root
   * (`./plugins/x.ts`) or package names. @defaultValue []
   */
  readonly plugins: readonly string[];
}

/**
 * The `collapse` field of the package.json in `root`, e.g.
 * `"collapse": { "claims": "hypotheses", "plugins": ["./plugins/exponential.ts"] }`, with
 * defaults for what it omits (and for a project without package.json). Throws
 * {@link InvalidParameterError} naming the file and the field when a value has the wrong shape.
 */
export function projectConfig(root: string): ProjectConfig {
  const file = join(root, "package.json");
  if (!existsSync(file)) return { claims: DEFAULT_CLAIMS_FOLDER, plugins: [] };
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InvalidParameterError(file, "contents", "must be JSON", (e as Error).message);
  }
  const field = (pkg as { collapse?: unknown } | null)?.collapse ?? {};
  if (typeof field !== "object" || field === null || Array.isArray(field)) {
    throw new InvalidParameterError(file, "collapse", "must be an object", field);
  }
  const { claims = DEFAULT_CLAIMS_FOLDER, plugins = [] } = field as {
    claims?: unknown;
    plugins?: unknown;
  };
  if (
    typeof claims !== "string" ||
    claims.trim() === "" ||
    isAbsolute(claims) ||
    normalize(claims).startsWith("..")
  ) {
    throw new InvalidParameterError(
      `${file}: collapse`,
      "claims",
      'must be a folder inside the project, relative to its root (e.g. "properties")',
      claims,
    );
  }
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== "string")) {
    throw new InvalidParameterError(
      `${file}: collapse`,
      "plugins",
      "must be a list of module paths or package names",
      plugins,
    );
  }
  return { claims: normalize(claims).replace(/[/\\]+$/, ""), plugins };
}
