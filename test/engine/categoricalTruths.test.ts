/**
 * The zipf-mandelbrot truth against 40-digit references (test/fixtures/make_truth_fixtures.py),
 * and the counts truth against the counts it reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { truthFromSpec } from "../../src/chain/specs.ts";
import type { CategoricalModel } from "../../src/model/models.ts";
import fixtures from "../fixtures/truths.json" with { type: "json" };

const probabilities = (spec: string) => (truthFromSpec(spec).model as CategoricalModel).p;

describe("zipf-mandelbrot", () => {
  it("matches the 40-digit reference within 8k ulps per probability", () => {
    for (const c of fixtures.zipfMandelbrot) {
      const p = probabilities(`zipf-mandelbrot:k=${c.k},a=${c.a},b=${c.b}`);
      expect(p.length).toBe(c.k);
      for (let i = 0; i < c.k; i++) {
        // Each weight is one pow (≤ 1 ulp in V8) and one division; the compensated sum adds
        // O(ε) relative: 8 ulps of the reference bounds all of it.
        const tol = 8 * Number.EPSILON * c.p[i];
        expect(
          Math.abs(p[i] - c.p[i]),
          `k ${c.k} a ${c.a} b ${c.b} i ${i}: expected ${c.p[i]}, actual ${p[i]}, tolerance ${tol}`,
        ).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("b = 0 is Zipf with exponent a", () => {
    const zm = probabilities("zipf-mandelbrot:k=30,a=1.3,b=0");
    const z = probabilities("zipf:k=30,s=1.3");
    for (let i = 0; i < 30; i++) {
      expect(Math.abs(zm[i] - z[i])).toBeLessThanOrEqual(4 * Number.EPSILON * z[i]);
    }
  });

  it("names bad parameters", () => {
    expect(() => truthFromSpec("zipf-mandelbrot:k=10,a=-1,b=0")).toThrow(/zipf-mandelbrot.*a/);
    expect(() => truthFromSpec("zipf-mandelbrot:k=10,a=1,b=-0.5")).toThrow(/zipf-mandelbrot.*b/);
    expect(() => truthFromSpec("zipf-mandelbrot:k=0,a=1,b=1")).toThrow(/zipf-mandelbrot.*k/);
    expect(() => truthFromSpec("zipf-mandelbrot:k=10,a=1")).toThrow(/zipf-mandelbrot.*b/);
  });
});

describe("counts", () => {
  const dir = mkdtempSync(join(tmpdir(), "collapse-counts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads counts alone or after a label, skipping blanks and comments; p_i = c_i / Σc in file order", () => {
    const path = file("words.txt", "# word counts\nthe 60\nof\t30\n\n7\nzebra 0\n3.5e0\n");
    const t = truthFromSpec(`counts:file=${path}`);
    const total = 60 + 30 + 7 + 0 + 3.5;
    expect([...(t.model as CategoricalModel).p]).toEqual([60, 30, 7, 0, 3.5].map((c) => c / total));
    expect(t.params).toMatchObject({ file: path });
    expect(t.source).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(5 symbols, 100\\.5 counts, sha256 [0-9a-f]{64}\\)$`,
      ),
    );
  });

  it("names the line and the value of a bad count, and refuses files without mass or not regular", () => {
    expect(() => truthFromSpec(`counts:file=${file("bad.txt", "a 1\nb x\n")}`)).toThrow(
      /counts: file line 2 must end in a non-negative decimal count.*"b x"/,
    );
    expect(() => truthFromSpec(`counts:file=${file("neg.txt", "a -1\n")}`)).toThrow(/line 1/);
    expect(() => truthFromSpec(`counts:file=${file("zero.txt", "0\n0\n")}`)).toThrow(
      /at least one positive count/,
    );
    expect(() => truthFromSpec(`counts:file=${dir}`)).toThrow(/regular file/);
    expect(() => truthFromSpec(`counts:file=${join(dir, "missing.txt")}`)).toThrow(/ENOENT/);
  });
});
