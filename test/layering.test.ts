import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape of the code follows the data: each layer imports only from layers before it (peers
 * on one rank may import each other). Rank of each top-level folder under src/.
 */
const RANK: Record<string, number> = {
  util: 0,
  rng: 1,
  numeric: 2,
  sample: 3,
  theory: 3,
  model: 4,
  truths: 5,
  families: 5,
  regimes: 5,
  transforms: 5,
  metrics: 5,
  chain: 6,
  verdict: 7,
  claims: 8,
  report: 9,
  cli: 10,
};

const src = new URL("../src", import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|mjs)$/.test(path) ? [path] : [];
  });
}

describe("layering: src/ layers import only from earlier layers", () => {
  it("every folder has a rank", () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory());
    expect(folders.filter((f) => !(f in RANK))).toEqual([]);
  });

  it("no import reaches a later layer", () => {
    const offending: string[] = [];
    for (const file of files(src)) {
      const rel = relative(src, file);
      const layer = rel.split("/")[0];
      if (!(layer in RANK)) continue; // src/index.ts re-exports everything
      for (const m of readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
        const target = relative(src, join(file, "..", m[1])).split("/")[0];
        if (target in RANK && RANK[target] > RANK[layer]) offending.push(`${rel} imports ${m[1]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
