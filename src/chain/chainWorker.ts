import { type ChainSpec, configFromSpec } from "./chainSpec.ts";
import { type ChainResult, runChains } from "./runChains.ts";

/** Worker task: run one contiguous range of chains of a spec. */
export default function runChainRange(spec: ChainSpec): ChainResult {
  return runChains(configFromSpec(spec));
}
