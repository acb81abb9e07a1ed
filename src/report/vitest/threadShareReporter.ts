import { availableParallelism } from "node:os";
import type { Reporter, TestSpecification, Vitest } from "vitest/node";
import { threadsPerClaimFile } from "../../chain/runChainsThreaded.ts";

/**
 * A vitest reporter of the preset that prints nothing: when a run starts (before its test
 * workers do) it sets COLLAPSE_THREADS, the threads each test worker's runReplicates may use, to
 * the cores the run's concurrent files leave — every core for a single claim file, one thread
 * per file for a catalog on as many workers as cores — so claims never oversubscribe the
 * machine. A COLLAPSE_THREADS set before vitest started is left alone; the one it sets is removed
 * when the run ends, so a later run in the same process (watch mode, programmatic `startVitest`)
 * is not mistaken for a user's setting.
 */
export class ThreadShareReporter implements Reporter {
  readonly #userSet = process.env.COLLAPSE_THREADS !== undefined;
  #maxWorkers: number | undefined;

  onInit(vitest: Vitest): void {
    this.#maxWorkers = vitest.config.maxWorkers;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    if (this.#userSet) return;
    process.env.COLLAPSE_THREADS = String(
      threadsPerClaimFile(availableParallelism(), this.#maxWorkers, specifications.length),
    );
  }

  onTestRunEnd(): void {
    if (!this.#userSet) delete process.env.COLLAPSE_THREADS;
  }
}
