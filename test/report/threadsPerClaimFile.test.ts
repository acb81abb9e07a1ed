/**
 * `collapse verify` and `calibrate` give each concurrent claim file its share of the cores
 * (COLLAPSE_THREADS in the test workers): one file alone gets every core, a catalog one thread per
 * file. Deterministic.
 */
import { describe, expect, it } from "vitest";
import { threadsPerClaimFile } from "../../src/report/run/run.ts";

describe("threadsPerClaimFile", () => {
  it("divides the cores among the files that run at once", () => {
    // [cores, workers, files, threads]
    const cases: [number, number | undefined, number, number][] = [
      [2, undefined, 1, 2], // one claim: both cores
      [2, undefined, 66, 1], // the catalog: a file per core, one thread each
      [2, 1, 66, 2], // one vitest worker (a calibration shard): every core for it
      [8, 2, 66, 4],
      [8, undefined, 3, 2], // 3 files on 8 cores: ⌊8/3⌋
      [2, 4, 66, 1], // more workers than cores: never below 1
      [4, undefined, 0, 4],
    ];
    for (const [cores, workers, files, threads] of cases) {
      expect(threadsPerClaimFile(cores, workers, files), `${cores} ${workers} ${files}`).toBe(
        threads,
      );
    }
  });
});
