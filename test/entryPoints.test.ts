import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Claim files and project plug-ins are written as a user writes them: they import only the
 * package's public entry points, the test libraries and Node's built-ins — never a path into src/.
 */
const ALLOWED = new Set([
  "collapse-harness",
  "collapse-harness/engine",
  "collapse-harness/theory",
  "fast-check",
  "vitest",
  "@fast-check/vitest",
]);

const root = new URL("..", import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|mts|js|mjs)$/.test(path) ? [path] : [];
  });
}

/** Every module specifier of static imports, re-exports and dynamic `import("…")` calls. */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;"']*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]);
  return found;
}

const allowed = (specifier: string) => ALLOWED.has(specifier) || specifier.startsWith("node:");

describe("properties/ and plugins/ import only public entry points", () => {
  it("the scanner finds every form of import (planted source)", () => {
    const planted = [
      'import { a } from "collapse-harness";',
      "import {\n  b,\n  c,\n} from '../src/numeric/index.ts';",
      'import type { D } from "collapse-harness/engine";',
      'export { e } from "../src/chain/runChains.ts";',
      'import "./side-effect.ts";',
      'const m = await import("../src/cli/main.ts");',
      'import fc from "fast-check";',
    ].join("\n");
    const specifiers = importSpecifiers(planted);
    expect(specifiers.sort()).toEqual(
      [
        "collapse-harness",
        "../src/numeric/index.ts",
        "collapse-harness/engine",
        "../src/chain/runChains.ts",
        "./side-effect.ts",
        "../src/cli/main.ts",
        "fast-check",
      ].sort(),
    );
    expect(specifiers.filter((s) => !allowed(s)).sort()).toEqual([
      "../src/chain/runChains.ts",
      "../src/cli/main.ts",
      "../src/numeric/index.ts",
      "./side-effect.ts",
    ]);
  });

  it("no file under properties/ or plugins/ imports anything else", () => {
    const offending: string[] = [];
    const scanned = ["properties", "plugins"].flatMap((d) => files(join(root, d)));
    for (const path of scanned) {
      for (const s of importSpecifiers(readFileSync(path, "utf8"))) {
        if (!allowed(s)) offending.push(`${relative(root, path)} imports "${s}"`);
      }
    }
    expect(scanned.length).toBeGreaterThan(40);
    expect(offending).toEqual([]);
  });
});
