import { type ChainSpec, configFromSpec } from "./chainSpec.ts";
import { loadPlugins } from "./loadPlugins.ts";
import { type ChainResult, runChains } from "./runChains.ts";

/** Worker task: load the spec's plug-ins, then run one contiguous range of chains of a spec. */
export default async function runChainRange(
  spec: ChainSpec & { cwd?: string },
): Promise<ChainResult> {
  await loadPlugins(spec.plugins, spec.cwd);
  return runChains(configFromSpec(spec));
}
