/**
 * Finding claim files and loading claims outside vitest: property files are imported in
 * register-only mode (verifyClaim records the claim and declares no test), so the CLI can list
 * claims, resolve claim ids to files and replay counterexamples.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Claim } from "../claims/defineClaim.ts";
import { registeredClaims, setRegisterOnly } from "../claims/registry.ts";
import {
  ClaimFileError,
  DuplicateClaimError,
  NoClaimFilesError,
  UnknownClaimError,
} from "./errors.ts";

/** The project root (the folder of the harness's package.json). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/[/\\]$/, "");

/** The default folder of claim files. */
export const DEFAULT_CLAIMS_FOLDER = "properties";

const CLAIM_FILE = /\.test\.ts$/;

/** A path relative to the project root, with POSIX separators. */
export function projectPath(file: string, root = PROJECT_ROOT): string {
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
  const byId = new Map<string, LoadedClaim>();
  setRegisterOnly(true);
  try {
    for (const file of files) {
      let ids = loadedFiles.get(file);
      if (ids === undefined) {
        const before = new Map(registeredClaims());
        try {
          await import(pathToFileURL(file).href);
        } catch (e) {
          throw new ClaimFileError(projectPath(file), e);
        }
        ids = [...registeredClaims()].filter(([id, r]) => before.get(id) !== r).map(([id]) => id);
        loadedFiles.set(file, ids);
      }
      for (const id of ids) {
        const prior = byId.get(id);
        if (prior !== undefined) {
          throw new DuplicateClaimError(id, [projectPath(prior.file), projectPath(file)]);
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
