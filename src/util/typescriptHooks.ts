/**
 * Node module hooks that load TypeScript files (`.ts`, `.mts`) in built code, registered by
 * {@link importModule} (never loaded by the sources, which run under tsx or vitest). The type
 * stripping is done by what vitest, the harness's peer dependency, already installs: oxc through
 * rolldown (vite 8), else esbuild through vite (vite 6, 7) — so loading a user's claim files and
 * plug-ins adds no dependency of its own. TypeScript files are always ES modules here; a
 * relative `./x.js` that does not exist next to a `.ts` importer resolves to `./x.ts` (the
 * NodeNext convention). Source maps are inlined, so stack traces point into the .ts files.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const TYPESCRIPT = /\.m?ts$/;
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

type Transform = (code: string, file: string) => Promise<string>;
let transform: Promise<Transform> | undefined;

/**
 * A package vitest brings: from this package's location (npm's flat node_modules), else through
 * vitest and vite themselves (strict layouts such as pnpm's).
 */
async function importThroughVitest(specifier: string): Promise<unknown> {
  try {
    return await import(specifier);
  } catch {
    const vitest = createRequire(createRequire(import.meta.url).resolve("vitest/package.json"));
    const vite = createRequire(vitest.resolve("vite/package.json"));
    for (const from of [vitest, vite]) {
      try {
        return await import(pathToFileURL(from.resolve(specifier)).href);
      } catch {
        // Not next to this one: try the next.
      }
    }
    throw new Error(`collapse-harness: cannot find ${specifier} (installed with vitest)`);
  }
}

function withInlineMap(code: string, map: unknown): string {
  if (map === undefined || map === null) return code;
  const json = Buffer.from(JSON.stringify(map)).toString("base64");
  return `${code}\n//# sourceMappingURL=data:application/json;base64,${json}`;
}

interface Oxc {
  transform(
    file: string,
    code: string,
    options: object,
  ): Promise<{ code: string; map?: unknown; errors: readonly { message: string }[] }>;
}

interface Vite {
  transformWithEsbuild(
    code: string,
    file: string,
    options: object,
  ): Promise<{ code: string; map?: unknown }>;
}

async function loadTransform(): Promise<Transform> {
  let oxc: Oxc | undefined;
  try {
    oxc = (await importThroughVitest("rolldown/utils")) as Oxc;
  } catch {
    // vite before 8 has no rolldown: esbuild below.
  }
  if (oxc !== undefined) {
    const { transform } = oxc;
    return async (code, file) => {
      const r = await transform(file, code, { lang: "ts", sourceType: "module", sourcemap: true });
      if (r.errors.length > 0) {
        // Plain text: oxc colours its messages for a terminal (ESC [ … m).
        const text = r.errors.map((e) => e.message.replace(ANSI_COLOUR, "")).join("; ");
        throw new SyntaxError(`${file}: ${text}`);
      }
      return withInlineMap(r.code, r.map);
    };
  }
  const vite = (await importThroughVitest("vite")) as Vite;
  return async (code, file) => {
    const r = await vite.transformWithEsbuild(code, file, {
      loader: "ts",
      format: "esm",
      target: "node20",
      sourcemap: true,
    });
    return withInlineMap(r.code, r.map);
  };
}

interface ResolveContext {
  readonly parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

/** Node resolve hook: `./x.js` imported from a TypeScript file may name `./x.ts`. */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve,
): Promise<{ url: string }> {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL;
    if (
      parent !== undefined &&
      TYPESCRIPT.test(parent) &&
      /^\.{1,2}\//.test(specifier) &&
      /\.m?js$/.test(specifier)
    ) {
      return nextResolve(specifier.replace(/\.(m?)js$/, ".$1ts"), context);
    }
    throw error;
  }
}

type NextLoad = (url: string, context: object) => Promise<object>;

/** Node load hook: TypeScript files, types stripped, as ES modules. */
export async function load(url: string, context: object, nextLoad: NextLoad): Promise<object> {
  if (!url.startsWith("file:") || !TYPESCRIPT.test(new URL(url).pathname)) {
    return nextLoad(url, context);
  }
  transform ??= loadTransform();
  const file = fileURLToPath(url);
  const source = await (await transform)(await readFile(file, "utf8"), file);
  return { format: "module", source, shortCircuit: true };
}
