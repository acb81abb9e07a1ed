export { derive, deriveSeed, type RootSeed, type StreamKey } from "./derive.ts";
export { PRNG_ALGORITHM, RandomStream, type RandomStreamState } from "./randomStream.ts";
