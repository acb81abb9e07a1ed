import { describe, expect, it } from "vitest";
import {
  DIGAMMA_ROOT_HI,
  DIGAMMA_ROOT_LO,
  DIGAMMA_TAYLOR,
  LGAMMA2_SERIES,
  ONE_MINUS_EULER,
} from "../../src/numeric/gamma.ts";
import { TEMME_C } from "../../src/numeric/incomplete.ts";
import { STIRLERR_HALF } from "../../src/numeric/loader.ts";
import { loadFixture } from "./accuracy.ts";

interface Tables {
  lgamma2Series: number[];
  oneMinusEuler: number;
  digammaRoot: [number, number];
  digammaTaylor: number[];
  stirlerrHalf: number[];
  temme: number[][];
}
const t = loadFixture<Tables>("tables.json");

describe("embedded coefficient tables equal their generator's output (tables.json)", () => {
  it("lnΓ(2 + ε) ζ-series, 1 − γ", () => {
    expect(LGAMMA2_SERIES).toEqual(t.lgamma2Series);
    expect(ONE_MINUS_EULER).toBe(t.oneMinusEuler);
  });
  it("digamma root and Taylor coefficients", () => {
    expect([DIGAMMA_ROOT_HI, DIGAMMA_ROOT_LO]).toEqual(t.digammaRoot);
    expect(DIGAMMA_TAYLOR).toEqual(t.digammaTaylor);
  });
  it("Stirling remainders at half-integers", () => {
    expect(STIRLERR_HALF).toEqual(t.stirlerrHalf);
  });
  it("Temme c_k(η) Taylor coefficients", () => {
    expect(TEMME_C.map((row) => Array.from(row))).toEqual(t.temme);
  });
});
