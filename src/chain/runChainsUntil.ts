import type { AnyModel } from "../model/kinds.ts";
import { derive } from "../rng/index.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import { ChainStepper } from "./chainStepper.ts";
import { type ChainConfig, checkChainConfig } from "./runChains.ts";

/** A chain configuration for {@link runChainsUntil}: no metrics, no fixed horizon. */
export type UntilConfig = Omit<
  ChainConfig,
  "generations" | "metrics" | "recordAt" | "observe" | "tailQ" | "mcSamples" | "onFit"
>;

/** Options of {@link runChainsUntil}. */
export interface UntilConstraints {
  /**
   * Called after every fit; the chain stops at the first generation where it returns true
   * (e.g. absorption: a categorical symbol's frequency reaches 0 or 1).
   */
  readonly stop: (model: AnyModel, generation: number) => boolean;
  /** Last generation fitted: a chain that has not stopped by then ends there (≤ 1e7). */
  readonly maxGenerations: number;
}

/** Per chain: where it stopped and its last model. */
export interface UntilResult {
  readonly chains: number;
  readonly firstChain: number;
  /** The generation of each chain's last fit: its stopping time, or `maxGenerations`. */
  readonly generation: Int32Array;
  /** 1 where `stop` returned true (at `generation`), 0 where the chain ran to `maxGenerations`. */
  readonly stopped: Uint8Array;
  /** Each chain's last fitted model. */
  readonly models: readonly AnyModel[];
}

/**
 * Runs chains until a condition on the fitted model holds — stopping times (time to absorption,
 * time to forget a symbol) and states at a random time, without a horizon fixed in advance. Each
 * chain runs exactly the procedure of {@link runChains} on the same stream, so a chain that stops
 * at generation s has drawn exactly what the first s generations of runChains draw.
 */
export function runChainsUntil(config: UntilConfig, constraints: UntilConstraints): UntilResult {
  const api = "runChainsUntil";
  if (typeof constraints.stop !== "function") {
    throw new InvalidParameterError(
      api,
      "stop",
      "must be a function of (model, generation)",
      constraints.stop,
    );
  }
  assertInteger(api, "maxGenerations", constraints.maxGenerations, 1, 1e7);
  // maxGenerations is a cap, not the work done (chains stop at `stop`): no size guard on it.
  checkChainConfig({
    ...config,
    generations: constraints.maxGenerations,
    metrics: [],
    allowLarge: true,
  });
  const K = config.chains;
  const firstChain = config.firstChain ?? 0;
  const generation = new Int32Array(K);
  const stopped = new Uint8Array(K);
  const models: AnyModel[] = [];
  for (let c = 0; c < K; c++) {
    const chainIndex = firstChain + c;
    const chain = new ChainStepper(
      config,
      derive(config.seed, ...(config.streamKeys ?? []), "chain", chainIndex),
    );
    for (let t = 1; t <= constraints.maxGenerations; t++) {
      const model = chain.step();
      const done = constraints.stop(model, t);
      if (typeof done !== "boolean") {
        throw new InvalidParameterError(
          api,
          "stop",
          `must return a boolean (chain ${chainIndex}, generation ${t})`,
          done,
        );
      }
      if (done) {
        stopped[c] = 1;
        break;
      }
    }
    generation[c] = chain.generation;
    models.push(chain.model);
    config.onProgress?.(c + 1, K);
  }
  return { chains: K, firstChain, generation, stopped, models };
}
