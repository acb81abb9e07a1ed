/**
 * Runs the `collapse` command line in this process, as bin/collapse.js does (`await
 * main(argv)`), capturing what it writes: fast enough to run hundreds of generated argument
 * lists in a test. An exception escaping `main` is what would print a stack trace and exit 1
 * from the real binary; it is returned as `escaped`.
 */
import { main } from "../../src/cli/main.ts";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** An exception that escaped `main` (the binary would print its stack and exit 1). */
  readonly escaped?: unknown;
}

export async function runCliInProcess(args: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const capture =
    (sink: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      sink.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      done?.();
      return true;
    };
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  process.exitCode = undefined;
  const start = performance.now();
  let escaped: unknown;
  try {
    await main(["node", "collapse", ...args]);
  } catch (e) {
    escaped = e;
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  const ms = performance.now() - start;
  const code = escaped !== undefined ? 1 : Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, stdout: out.join(""), stderr: err.join(""), ms, escaped };
}
