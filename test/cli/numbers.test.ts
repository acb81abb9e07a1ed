/** One number syntax everywhere: decimal with an optional exponent; no hex, no blanks. */
import { describe, expect, it } from "vitest";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { resolveRootSeed } from "../../src/claims/rootSeed.ts";
import {
  fcSeedOption,
  integer,
  number,
  rootSeedOption,
  seed,
  workersOption,
} from "../../src/cli/options.ts";
import { parseDecimal } from "../../src/util/parseDecimal.ts";

describe("parseDecimal", () => {
  it("reads decimal and exponent forms", () => {
    for (const [text, value] of [
      ["12", 12],
      ["-0.5", -0.5],
      [".25", 0.25],
      ["1e3", 1000],
      ["2.5E-4", 2.5e-4],
      ["+7.", 7],
    ] as const) {
      expect(parseDecimal(text), text).toBe(value);
    }
  });

  it("refuses everything Number() would also accept", () => {
    for (const text of [
      "0x10",
      "0b11",
      "0o7",
      "Infinity",
      "-Infinity",
      "NaN",
      "",
      " ",
      " 1",
      "1 ",
      "1e400",
      "1_000",
    ]) {
      expect(parseDecimal(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe("specs and options use it", () => {
  it("spec values: sd=0x10 and sd= are named errors, sd=1e-1 is 0.1", () => {
    expect(() => truthFromSpec("gaussian:sd=0x10")).toThrow(/sd must be a finite number.*"0x10"/);
    expect(() => truthFromSpec("gaussian:sd=")).toThrow(/sd/);
    expect(truthFromSpec("gaussian:sd=1e-1").model).toMatchObject({ variance: 0.1 ** 2 });
  });

  it("options: --samples 1e3 is 1000, 0x10 refused; seeds are integers however written, else strings", () => {
    expect(integer("--samples", 1)("1e3")).toBe(1000);
    expect(() => integer("--samples", 1)("0x10")).toThrow(/--samples must be an integer/);
    expect(() => number("--tail-q", { above: 0, below: 0.5 })("0")).toThrow(/\(0, 0\.5\)/);
    expect(number("--tail-q", { above: 0, below: 0.5 })("5e-2")).toBe(0.05);
    expect(seed("1e3")).toBe(1000);
    expect(seed("42")).toBe(42);
    expect(seed("alpha")).toBe("alpha");
    expect(seed("-3")).toBe("-3");
  });

  it("root seeds, worker counts and counterexample seeds read numbers the same way", () => {
    expect(rootSeedOption("1e3")).toBe(1000);
    expect(resolveRootSeed({ COLLAPSE_SEED: "1e3" })).toBe(1000);
    expect(workersOption("2e0")).toBe(2);
    expect(fcSeedOption("-12")).toBe(-12);
    for (const bad of ["0x10", "-1", "1.5", "", "NaN", "1e400"]) {
      expect(() => rootSeedOption(bad), bad).toThrow(/--seed must be a non-negative integer/);
      // An empty COLLAPSE_SEED means unset (the default seed), like an unset variable.
      if (bad !== "") {
        expect(() => resolveRootSeed({ COLLAPSE_SEED: bad }), bad).toThrow(/COLLAPSE_SEED/);
      }
    }
    for (const bad of ["0x2", "0", "1.5", "Infinity"]) {
      expect(() => workersOption(bad), bad).toThrow(/--workers must be an integer >= 1/);
    }
    for (const bad of ["0x10", "1.5", String(2 ** 32), ""]) {
      expect(() => fcSeedOption(bad), bad).toThrow(/32-bit integer/);
    }
  });
});
