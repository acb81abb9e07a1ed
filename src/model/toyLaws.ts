/**
 * scikit-learn's 2-D toy data sets (`sklearn.datasets.make_moons`, `make_circles`,
 * `make_swiss_roll`; sklearn/datasets/_samples_generator.py at
 * 1be0930c942d8b9b3c08b90a5b9c9fcbe9bd098f) as laws that can be sampled i.i.d., with their exact
 * mean vectors and total variances (docs/theory.md#toy-truths). They have no density here: a
 * curve's law smoothed by Gaussian noise has one only as a one-dimensional integral, so metrics
 * that need one are undefined at generation 0 for them.
 *
 * scikit-learn's functions place the points on a regular grid of the curve parameter
 * (`np.linspace`) and split n_samples between the two curves as n//2 (outer) and n − n//2
 * (inner); i.i.d. sampling draws the curve parameter uniformly and the curve with probability ½
 * instead — the law of which those grids are the quantiles, and the same law for every sample
 * size. The noise (`noise`, a standard deviation) is added to every coordinate, as theirs.
 */

import type { RandomStream } from "../rng/index.ts";
import { standardNormalUnchecked } from "../sample/normal.ts";
import { uniformIndexUnchecked } from "../sample/uniformInt.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertInteger, assertNonNegative, InvalidParameterError } from "../util/validate.ts";
import type { VectorData } from "./data.ts";
import type { CirclesModel, MoonsModel, SwissRollModel } from "./models.ts";

/** One of the toy laws. */
export type ToyLaw = MoonsModel | CirclesModel | SwissRollModel;

/** Swiss roll: t ~ U(1.5π, 4.5π) (scikit-learn: 1.5π(1 + 2U)). */
const ROLL_START = 1.5 * Math.PI;
const ROLL_SPAN = 3 * Math.PI;
/** Swiss roll height: y ~ U(0, 21). */
const ROLL_HEIGHT = 21;

/** `make_moons` as a law (noise ≥ 0, the standard deviation added to each coordinate). */
export function moonsModel(noise = 0): MoonsModel {
  assertNonNegative("moons", "noise", noise);
  return { kind: "moons", dim: 2, noise };
}

/** `make_circles` as a law (factor in [0, 1): the inner circle's radius; noise ≥ 0). */
export function circlesModel(factor = 0.8, noise = 0): CirclesModel {
  if (typeof factor !== "number" || !(factor >= 0 && factor < 1)) {
    throw new InvalidParameterError(
      "circles",
      "factor",
      "must be in [0, 1) (the inner circle's radius, the outer's being 1; scikit-learn's range)",
      factor,
    );
  }
  assertNonNegative("circles", "noise", noise);
  return { kind: "circles", dim: 2, factor, noise };
}

/**
 * `make_swiss_roll` as a law: dim 3 gives scikit-learn's (x, y, z) = (t cos t, y, t sin t) plus
 * noise; dim 2 its (x, z) coordinates (the roll seen from its axis, as 2-D diffusion examples use).
 */
export function swissRollModel(noise = 0, dim: 2 | 3 = 3): SwissRollModel {
  assertNonNegative("swiss-roll", "noise", noise);
  assertInteger("swiss-roll", "dim", dim, 2, 3);
  return { kind: "swiss-roll", dim, noise };
}

/**
 * n i.i.d. points. Per point, in this order: moons and circles — the curve (an index in {0, 1},
 * 0 the outer one), the angle (one 53-bit uniform), then `dim` standard normals when noise > 0;
 * swiss roll — t, the height (dim 3 only), then the normals.
 */
export function sampleToyLaw(model: ToyLaw, stream: RandomStream, n: number): VectorData {
  const d = model.dim;
  assertInteger(`sample ${model.kind}`, "n", n, 0, Math.floor((2 ** 31 - 1) / d));
  const values = allocFloat64(n * d);
  const sigma = model.noise;
  for (let i = 0; i < n; i++) {
    const at = i * d;
    switch (model.kind) {
      case "moons": {
        const inner = uniformIndexUnchecked(stream, 2) === 1;
        const theta = Math.PI * stream.nextDouble();
        values[at] = inner ? 1 - Math.cos(theta) : Math.cos(theta);
        values[at + 1] = inner ? 0.5 - Math.sin(theta) : Math.sin(theta);
        break;
      }
      case "circles": {
        const radius = uniformIndexUnchecked(stream, 2) === 1 ? model.factor : 1;
        const theta = 2 * Math.PI * stream.nextDouble();
        values[at] = radius * Math.cos(theta);
        values[at + 1] = radius * Math.sin(theta);
        break;
      }
      case "swiss-roll": {
        const t = ROLL_START + ROLL_SPAN * stream.nextDouble();
        values[at] = t * Math.cos(t);
        if (d === 3) {
          values[at + 1] = ROLL_HEIGHT * stream.nextDouble();
          values[at + 2] = t * Math.sin(t);
        } else {
          values[at + 1] = t * Math.sin(t);
        }
        break;
      }
    }
    if (sigma > 0)
      for (let r = 0; r < d; r++) values[at + r] += sigma * standardNormalUnchecked(stream);
  }
  return { kind: "vector", dim: d, values };
}

/**
 * The exact mean vector (noise has mean 0):
 * - moons: (½, ¼) — E cos θ = 0, E sin θ = 2/π for θ ~ U(0, π), averaged over the two moons;
 * - circles: (0, 0);
 * - swiss roll: (E t cos t, E y, E t sin t) = (2, 21/2, 2/(3π)) — ∫ t cos t dt = t sin t + cos t
 *   and ∫ t sin t dt = sin t − t cos t over [1.5π, 4.5π], divided by 3π; dim 2 drops E y.
 */
export function toyLawMean(model: ToyLaw): Float64Array {
  switch (model.kind) {
    case "moons":
      return Float64Array.of(0.5, 0.25);
    case "circles":
      return Float64Array.of(0, 0);
    case "swiss-roll":
      return model.dim === 3
        ? Float64Array.of(2, ROLL_HEIGHT / 2, 2 / (3 * Math.PI))
        : Float64Array.of(2, 2 / (3 * Math.PI));
  }
}

/**
 * The exact total variance tr Cov X (the noise adds dim·noise²):
 * - moons: Var x + Var y = ¾ + (9/16 − 1/π), from E[x²] = 1 (½·½ + ½·3/2) and
 *   E[y²] = 5/8 − 1/π (½·½ + ½(¾ − 2/π));
 * - circles: (1 + factor²)/2 (each coordinate ½·½ + ½·factor²/2);
 * - swiss roll: Var(t cos t) + Var(t sin t) [+ Var y] = (39π²/8 − 17/4) + (39π²/8 + ¼ − 4/(9π²))
 *   [+ 147/4], from E[t² cos² t] = (b³ − a³)/(18π) − ¼ and E[t² sin² t] = (b³ − a³)/(18π) + ¼
 *   with (b³ − a³)/(18π) = 39π²/8 on [a, b] = [1.5π, 4.5π], and Var y = 21²/12.
 */
export function toyLawVariance(model: ToyLaw): number {
  const noise = model.dim * model.noise * model.noise;
  switch (model.kind) {
    case "moons":
      return 0.75 + (0.5625 - 1 / Math.PI) + noise;
    case "circles":
      return (1 + model.factor * model.factor) / 2 + noise;
    case "swiss-roll": {
      const pi2 = Math.PI * Math.PI;
      const varX = (39 * pi2) / 8 - 17 / 4;
      const varZ = (39 * pi2) / 8 + 1 / 4 - 4 / (9 * pi2);
      return varX + varZ + (model.dim === 3 ? (ROLL_HEIGHT * ROLL_HEIGHT) / 12 : 0) + noise;
    }
  }
}
