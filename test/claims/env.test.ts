import { describe, expect, it } from "vitest";
import { resolveRootSeed } from "../../src/claims/rootSeed.ts";
import { parseCalibrate, parseReplay } from "../../src/claims/verifyClaim.ts";

describe("environment controls", () => {
  it("COLLAPSE_CALIBRATE=<seeds>[:<alpha>[:<scenarios>]]", () => {
    expect(parseCalibrate(undefined)).toBeUndefined();
    expect(parseCalibrate("200")).toEqual({ seeds: 200, alpha: undefined, scenarios: undefined });
    expect(parseCalibrate("400:0.05")).toEqual({ seeds: 400, alpha: 0.05, scenarios: undefined });
    expect(parseCalibrate("200::1")).toEqual({ seeds: 200, alpha: undefined, scenarios: 1 });
    expect(() => parseCalibrate("0")).toThrow(/COLLAPSE_CALIBRATE must be/);
    expect(() => parseCalibrate("10:0.7")).toThrow(/got "10:0.7"/);
    expect(() => parseCalibrate("ten")).toThrow(/got "ten"/);
  });

  it("COLLAPSE_REPLAY=<claim-id>:<seed>:<path>", () => {
    expect(parseReplay("my-claim:-123:0:1:2")).toEqual({
      id: "my-claim",
      fcSeed: -123,
      path: "0:1:2",
    });
    expect(() => parseReplay("my-claim")).toThrow(
      /COLLAPSE_REPLAY must be <claim-id>:<seed>:<path>/,
    );
  });

  it("COLLAPSE_SEED: default, integer, random (drawn once and written back), invalid", () => {
    expect(resolveRootSeed({})).toBe(20261126);
    expect(resolveRootSeed({ COLLAPSE_SEED: "42" })).toBe(42);
    const env: NodeJS.ProcessEnv = { COLLAPSE_SEED: "random" };
    const drawn = resolveRootSeed(env);
    expect(env.COLLAPSE_SEED).toBe(String(drawn));
    expect(resolveRootSeed(env)).toBe(drawn);
    expect(() => resolveRootSeed({ COLLAPSE_SEED: "-1" })).toThrow(
      /COLLAPSE_SEED: value must be a non-negative integer or "random", got "-1"/,
    );
  });
});
