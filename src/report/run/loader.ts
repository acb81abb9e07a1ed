/**
 * Finding claim files and loading claims outside vitest: property files are imported in
 * register-only mode (verifyClaim records the claim and declares no test), so the CLI can list
 * claims, resolve claim ids to files and replay counterexamples.
 *
 * Everything is relative to the user's project — the nearest package.json above the working
 * directory — and its claims folder (package.json `collapse.claims`, default `properties/`). The
 * harness's own catalog is a second suite, `builtin`, which a user opts into.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Claim } from "../../claims/defineClaim.ts";
import { registeredClaims, setRegisterOnly } from "../../claims/registry.ts";
import { findProjectRoot } from "../../util/findProjectRoot.ts";
import { importModule } from "../../util/importModule.ts";
import { projectConfig } from "../../util/projectConfig.ts";
import {
  ClaimFileError,
  DuplicateClaimError,
  NoClaimFilesError,
  UnknownClaimError,
} from "../contract/errors.ts";

/** The harness's own package root (its bundled claims are the `builtin` suite). */
export const HARNESS_ROOT = fileURLToPath(new URL("../../../", import.meta.url)).replace(
  /[/\\]$/,
  "",
);

/** The claim suites: the project's own claims, or the harness's bundled catalog. */
export const SUITES = ["project", "builtin"] as const;
export type Suite = (typeof SUITES)[number];

/** The project the CLI acts on: the nearest package.json above the working directory. */
export function projectRoot(cwd: string = process.cwd()): string {
  return findProjectRoot(cwd);
}

/**
 * The folder of a suite's claim files: the project's claims folder (package.json
 * `collapse.claims`, default `properties/`), or the harness's bundled `properties/`.
 */
export function suiteFolder(suite: Suite, root: string = projectRoot()): string {
  return suite === "builtin"
    ? join(HARNESS_ROOT, "properties")
    : join(root, projectConfig(root).claims);
}

/**
 * The project folder whose `collapse.plugins` a suite's claims use: the project's for its own
 * claims, the harness's for the bundled ones.
 */
export function suitePluginRoot(suite: Suite, root: string = projectRoot()): string {
  return suite === "builtin" ? HARNESS_ROOT : root;
}

const CLAIM_FILE = /\.test\.ts$/;

/** A path relative to the project root, with POSIX separators. */
export function projectPath(file: string, root: string = projectRoot()): string {
  return relative(root, file).split(sep).join("/");
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((d) => {
      const p = join(dir, d.name);
      // Hidden folders (scratch copies, editors' files) are only searched when named.
      if (d.isDirectory())
        return d.name.startsWith(".") || d.name === "node_modules" ? [] : walk(p);
      return d.isFile() && CLAIM_FILE.test(d.name) ? [p] : [];
    });
}

/**
 * The claim files (`*.test.ts`) under the given files and folders, as absolute paths, sorted.
 * Relative paths are resolved against `cwd`. Throws {@link NoClaimFilesError} for a missing path
 * or when nothing is found.
 */
export function findClaimFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    if (!existsSync(abs)) throw new NoClaimFilesError(`no such file or folder: ${p}`);
    if (statSync(abs).isDirectory()) for (const f of walk(abs)) out.add(f);
    else if (CLAIM_FILE.test(abs)) out.add(abs);
    else throw new NoClaimFilesError(`${p} is not a claim file (*.test.ts)`);
  }
  if (out.size === 0) {
    throw new NoClaimFilesError(`no claim files (*.test.ts) in ${paths.join(", ")}`);
  }
  return [...out].sort();
}

/** A claim loaded from its file. */
export interface LoadedClaim {
  readonly claim: Claim<unknown>;
  readonly expect: "supported" | "refuted";
  /** Absolute path of its property file. */
  readonly file: string;
}

const loadedFiles = new Map<string, string[]>();

/**
 * Imports property files in register-only mode and returns their claims by id (sorted by id).
 * Throws {@link DuplicateClaimError} when two files define one id, {@link ClaimFileError} when a
 * file fails to load.
 */
export async function loadClaims(files: readonly string[]): Promise<Map<string, LoadedClaim>> {
  const root = projectRoot();
  const byId = new Map<string, LoadedClaim>();
  setRegisterOnly(true);
  try {
    for (const file of files) {
      let ids = loadedFiles.get(file);
      if (ids === undefined) {
        const before = new Map(registeredClaims());
        try {
          await importModule(pathToFileURL(file).href);
        } catch (e) {
          throw new ClaimFileError(projectPath(file, root), e);
        }
        ids = [...registeredClaims()].filter(([id, r]) => before.get(id) !== r).map(([id]) => id);
        loadedFiles.set(file, ids);
      }
      for (const id of ids) {
        const prior = byId.get(id);
        if (prior !== undefined) {
          throw new DuplicateClaimError(id, [
            projectPath(prior.file, root),
            projectPath(file, root),
          ]);
        }
        const r = registeredClaims().get(id);
        if (r !== undefined) byId.set(id, { claim: r.claim, expect: r.expect, file });
      }
    }
  } finally {
    setRegisterOnly(false);
  }
  return new Map([...byId].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The loaded claim with an id; throws {@link UnknownClaimError} listing the known ids. */
export function claimById(claims: ReadonlyMap<string, LoadedClaim>, id: string): LoadedClaim {
  const c = claims.get(id);
  if (c === undefined) throw new UnknownClaimError(id, [...claims.keys()]);
  return c;
}
