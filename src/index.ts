/**
 * collapse-harness public API. Internals stay internal: import from here.
 */

export type { RandomStreamState, RootSeed, StreamKey } from "./rng/index.ts";
export { derive, deriveSeed, PRNG_ALGORITHM, RandomStream } from "./rng/index.ts";
export { InvalidParameterError } from "./util/validate.ts";
