/**
 * How `collapse` finds the project it acts on (the nearest package.json above the working
 * directory) and reads its settings (package.json `collapse.claims` and `collapse.plugins`), and
 * how the vitest preset gives each claim file the plug-ins of its own package.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findProjectRoot } from "../../src/util/findProjectRoot.ts";
import { DEFAULT_CLAIMS_FOLDER, projectConfig } from "../../src/util/projectConfig.ts";
import { InvalidParameterError } from "../../src/util/validate.ts";
import { collapse, ROOT, TINY_TRUE } from "../report/fixtures.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-project-"));
const scratch: string[] = [];

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function writePackage(dir: string, pkg: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), typeof pkg === "string" ? pkg : JSON.stringify(pkg));
}

describe("findProjectRoot", () => {
  it("is the nearest folder at or above the path with a package.json", () => {
    const root = join(work, "root");
    writePackage(root, { name: "root" });
    const deep = join(root, "a", "b");
    mkdirSync(deep, { recursive: true });
    expect(findProjectRoot(deep)).toBe(root);
    expect(findProjectRoot(root)).toBe(root);
    const inner = join(root, "a", "inner");
    writePackage(inner, { name: "inner" });
    expect(findProjectRoot(join(inner))).toBe(inner);
  });

  it("is the repository for its own folders", () => {
    expect(findProjectRoot(join(ROOT, "properties", "negative"))).toBe(ROOT);
  });
});

describe("projectConfig: package.json `collapse`", () => {
  it("defaults: claims in properties/, no plug-ins (also without a package.json)", () => {
    const dir = join(work, "defaults");
    writePackage(dir, { name: "x" });
    expect(projectConfig(dir)).toEqual({ claims: DEFAULT_CLAIMS_FOLDER, plugins: [] });
    expect(DEFAULT_CLAIMS_FOLDER).toBe("properties");
    expect(projectConfig(join(work, "no-package-here"))).toEqual({
      claims: "properties",
      plugins: [],
    });
  });

  it("reads the claims folder and the plug-ins", () => {
    const dir = join(work, "custom");
    writePackage(dir, { collapse: { claims: "hypotheses/", plugins: ["./p.ts", "pkg"] } });
    expect(projectConfig(dir)).toEqual({ claims: "hypotheses", plugins: ["./p.ts", "pkg"] });
  });

  it("rejects malformed settings, naming the file and the field", () => {
    const cases: [unknown, string][] = [
      [{ collapse: { claims: "/abs" } }, "claims"],
      [{ collapse: { claims: "../outside" } }, "claims"],
      [{ collapse: { claims: 3 } }, "claims"],
      [{ collapse: { claims: " " } }, "claims"],
      [{ collapse: { plugins: "./p.ts" } }, "plugins"],
      [{ collapse: { plugins: [1] } }, "plugins"],
      [{ collapse: [] }, "collapse"],
      ["{ not json", "contents"],
    ];
    for (const [pkg, field] of cases) {
      const dir = join(work, `bad-${field}-${cases.findIndex((c) => c[0] === pkg)}`);
      writePackage(dir, pkg);
      let caught: unknown;
      try {
        projectConfig(dir);
      } catch (e) {
        caught = e;
      }
      expect(caught, JSON.stringify(pkg)).toBeInstanceOf(InvalidParameterError);
      expect((caught as Error).message).toContain(join(dir, "package.json"));
      expect((caught as InvalidParameterError).parameter).toBe(field);
    }
  });
});

describe("the preset gives each claim file the plug-ins of its own package", () => {
  // A scratch package inside properties/ (hidden, so no other run picks it up) whose
  // package.json registers a plug-in defining the truth its claim uses.
  const tag = `${process.pid}`;
  const truth = `scratch-coin-${tag}`;
  const PLUGIN = `import { defineTruth } from "collapse-harness/engine";

defineTruth({
  name: "${truth}",
  description: "a fair coin as a categorical law (scratch plug-in of a test)",
  params: {},
  create: () => ({
    model: { kind: "categorical", p: Float64Array.from([0.5, 0.5]) },
    summaries: {},
  }),
});
`;
  const CLAIM = TINY_TRUE.replace("tiny-heterozygosity", `scratch-plugin-${tag}`)
    .replace(/const truth = `categorical:p=.*`;/, `const truth = "${truth}";`)
    .replace("k: fc.integer({ min: 2, max: 6 }),", "k: fc.constant(2),");

  it("loads the package's plug-in for its claim; the same claim elsewhere does not see it", () => {
    expect(CLAIM).toContain(`const truth = "${truth}";`);
    const own = join(ROOT, `properties/.tmp-plugin-package-${tag}`);
    const elsewhere = join(ROOT, `properties/.tmp-plugin-elsewhere-${tag}`);
    scratch.push(own, elsewhere);
    writePackage(own, { name: "scratch", type: "module", collapse: { plugins: ["./plugin.ts"] } });
    writeFileSync(join(own, "plugin.ts"), PLUGIN);
    writeFileSync(join(own, "coin.test.ts"), CLAIM);
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, "coin.test.ts"), CLAIM);

    const args = ["verify", "--seed", "7", "--simulations", "none"];
    const ok = collapse([
      ...args,
      `properties/.tmp-plugin-package-${tag}`,
      "--out",
      join(work, "own"),
    ]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain("1 supported");
    // Planted: without the package's plug-in the truth is unknown, and the claim fails.
    const missing = collapse([
      ...args,
      `properties/.tmp-plugin-elsewhere-${tag}`,
      "--out",
      join(work, "elsewhere"),
    ]);
    expect(missing.code, missing.stdout + missing.stderr).toBe(1);
    expect(missing.stdout).toContain(`"${truth}"`);
  });
});
