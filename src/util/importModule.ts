import { register } from "node:module";

/** A TypeScript module path or file URL. */
const TYPESCRIPT = /\.m?ts(?:[?#].*)?$/;

/**
 * Whether this code runs as built JavaScript (dist/): sources run under tsx or vitest, which
 * load TypeScript themselves.
 */
const BUILT = !import.meta.url.endsWith(".ts");

let registered: Promise<void> | undefined;

async function registerTypeScriptHooks(): Promise<void> {
  // Claim files and plug-ins import the package's entry points: load them first, natively.
  // Node 20 runs module hooks on a separate thread, which makes every module loaded after
  // registration about twice as slow, so the hooks should see only the user's files.
  await Promise.all([
    import(new URL("../index.js", import.meta.url).href),
    import(new URL("../engine.js", import.meta.url).href),
  ]);
  register(new URL("./typescriptHooks.js", import.meta.url));
}

/**
 * Imports a module by specifier (a file URL or a package name). The built package registers
 * its TypeScript hooks (`typescriptHooks.ts`: types stripped by vitest's vite) before the first
 * TypeScript module it imports, so the CLI loads a user's `.ts` claim files and plug-ins with
 * no TypeScript loader of its own; run from sources it is plain `import()`.
 */
export async function importModule(specifier: string): Promise<unknown> {
  if (BUILT && TYPESCRIPT.test(specifier)) {
    registered ??= registerTypeScriptHooks();
    await registered;
  }
  return import(specifier);
}
