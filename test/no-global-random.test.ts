import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Randomness is always injected: a derived stream, never ambient global state.
const FORBIDDEN = [
  /Math\.random\b/,
  /Math\.seedrandom\b/,
  // Calling seedrandom() itself makes an ARC4 stream that may autoseed from the clock.
  /(^|[^.\w])seedrandom\s*\((?!`)/,
  /\b(randomBytes|randomUUID|getRandomValues|randomInt|randomFill|randomFillSync)\b/,
];

/**
 * The one place allowed to read entropy: COLLAPSE_SEED=random draws the run's root seed once
 * (printed and recorded, so the run stays reproducible).
 */
const ENTROPY_ALLOWED = new Set(["claims/rootSeed.ts"]);

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTs(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("no global randomness under src/", () => {
  const root = new URL("../src", import.meta.url).pathname;
  const files = listTs(root);

  it("finds the source files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.slice(root.length + 1), f]))("%s", (name, file) => {
    if (ENTROPY_ALLOWED.has(name)) {
      // Only the named entropy source, and only once.
      const src = readFileSync(file, "utf8");
      expect(src.match(/randomInt\(/g)?.length).toBe(1);
      return;
    }
    const offending = readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) =>
        FORBIDDEN.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
      );
    expect(offending).toEqual([]);
  });
});
