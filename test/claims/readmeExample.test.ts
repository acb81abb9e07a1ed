import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The README's claim example must be the real, passing property file, and stay under 40 lines.
describe("README claim example", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const file = readFileSync(
    new URL("../../properties/heterozygosity.test.ts", import.meta.url),
    "utf8",
  );

  it("is properties/heterozygosity.test.ts verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${file}\`\`\``);
  });

  it("is under 40 lines and uses only the public API", () => {
    expect(file.trimEnd().split("\n").length).toBeLessThan(40);
    const imports = [...file.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual(["collapse-harness", "fast-check"]);
  });
});
