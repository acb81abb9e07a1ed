/**
 * The fixture of the discrete closed forms (categorical, Wright–Fisher, Suresh, Seddik, tale of
 * tails), written by test/fixtures/make_theory_discrete.py at 40 digits from exact Markov chains,
 * enumeration or the formulas; see that script for how each reference is computed.
 */

import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { InvalidParameterError } from "../../src/util/validate.ts";

export { AccuracyCheck, EPS } from "../numeric/accuracy.ts";

type Vector = number[];

export interface DiscreteFixture {
  sureshGk: { k: number; mp: number }[];
  sureshSurvivalBounds: {
    n: number;
    p0: number;
    k: number;
    lower: number;
    upper: number;
    exact: number | null;
  }[];
  sureshForgettingBand: { m: number; n: number; kA: number; kB: number }[];
  unigramSurvivors: { p0: Vector; n: number; k: number; exact: number; bound: number }[];
  categoricalEntropy: { p: Vector; mp: number }[];
  simpsonIndex: { p: Vector; mp: number }[];
  expectedResampledEntropy: { p: Vector; M: number; mp: number; method: string }[];
  freshDataSimpsonRecursion: {
    p0: Vector;
    s0: number;
    M: number;
    real: number;
    T: number;
    a: Vector;
    method: string;
  }[];
  freshSymbolCoverageBound: { q: number; real: number; mp: number }[];
  memorizer: {
    p: Vector;
    k: number;
    T: number;
    plain: number;
    error: number;
    floor: number;
    excess: number;
    method: string;
  }[];
  memorizerHorizon: { p: Vector; k: number; level: number; T: number }[];
  seddikSegregatingBounds: {
    n: number;
    p0: number;
    k: number;
    lower: number;
    upper: number;
    exact: number;
  }[];
  wrightFisherSegregatingBound: { M: number; x0: number; T: number; mp: number; exact: number }[];
  wrightFisherSegregatingHorizon: { M: number; x0: number; delta: number; T: number }[];
}

export const fixture: DiscreteFixture = JSON.parse(
  readFileSync(new URL("../fixtures/theory-discrete.json", import.meta.url), "utf8"),
);

/** `call` throws an InvalidParameterError naming `parameter` (api, parameter and value). */
export function expectInvalid(call: () => unknown, api: string, parameter: string): void {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidParameterError);
  expect((error as InvalidParameterError).api).toBe(api);
  expect((error as InvalidParameterError).parameter).toBe(parameter);
  expect((error as Error).message).toContain(parameter);
}
