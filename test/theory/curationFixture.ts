/**
 * The fixture of the curation, verification and temperature maps, written by
 * test/fixtures/make_theory_curation.py (mpmath's Laplace-integral form of the curated law, scipy
 * quadrature for the curated Gaussian, and numpy Monte Carlo checks of every exact form).
 */

import { readFileSync } from "node:fs";

type Vector = number[];

export interface CurationFixture {
  curated: { p: Vector; rewards: Vector; K: number; mp: Vector }[];
  verified: { p: Vector; correct: boolean[]; a: number; b: number; massC: number; law: Vector }[];
  tempered: { p: Vector; tau: number; law: Vector; entropy: number }[];
  curatedGaussian: { beta: number; K: number; mean: number; variance: number }[];
}

export const curationFixture: CurationFixture = JSON.parse(
  readFileSync(new URL("../fixtures/theory-curation.json", import.meta.url), "utf8"),
);
