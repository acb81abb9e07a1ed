/**
 * Option parsers of the `collapse` command line. Each throws commander's InvalidArgumentError
 * naming the option and the value; the CLI turns it into a UsageError (exit 2).
 */
import { InvalidArgumentError } from "commander";
import { parseDecimal } from "../util/parseDecimal.ts";

/** An integer option ≥ `min`. */
export function integer(name: string, min: number) {
  return (raw: string): number => {
    const v = parseDecimal(raw) ?? Number.NaN;
    if (!Number.isSafeInteger(v) || v < min) {
      throw new InvalidArgumentError(
        `${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`,
      );
    }
    return v;
  };
}

/** A finite number option, optionally in an open interval (above, below). */
export function number(name: string, range: { above?: number; below?: number } = {}) {
  return (raw: string): number => {
    const v = parseDecimal(raw);
    if (v === undefined) {
      throw new InvalidArgumentError(
        `${name} must be a finite decimal number (e.g. 0.05, 1e-3), got ${JSON.stringify(raw)}`,
      );
    }
    const { above, below } = range;
    if ((above !== undefined && !(v > above)) || (below !== undefined && !(v < below))) {
      throw new InvalidArgumentError(
        `${name} must be in (${above ?? "−∞"}, ${below ?? "∞"}), got ${JSON.stringify(raw)}`,
      );
    }
    return v;
  };
}

/**
 * A simulation seed: a non-negative integer written as any decimal number is (`42`, `1e3`),
 * else the string itself (hashed like every stream key: `--seed alpha`).
 */
export function seed(raw: string): number | string {
  if (raw.length === 0) {
    throw new InvalidArgumentError('--seed must be an integer or a non-empty string, got ""');
  }
  const v = parseDecimal(raw);
  return v !== undefined && Number.isSafeInteger(v) && v >= 0 ? v : raw;
}

/** A repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A non-negative integer root seed, written as any decimal number is (`42`, `1e3`). */
export function rootSeedOption(raw: string): number {
  const v = parseDecimal(raw) ?? Number.NaN;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new InvalidArgumentError(
      `--seed must be a non-negative integer, got ${JSON.stringify(raw)}`,
    );
  }
  return v;
}

/** A worker count ≥ 1. */
export function workersOption(raw: string): number {
  const v = parseDecimal(raw) ?? Number.NaN;
  if (!Number.isSafeInteger(v) || v < 1) {
    throw new InvalidArgumentError(`--workers must be an integer >= 1, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/** A counterexample's fast-check seed (32-bit integer). */
export function fcSeedOption(raw: string): number {
  const v = parseDecimal(raw) ?? Number.NaN;
  if (!Number.isSafeInteger(v) || v < -(2 ** 31) || v >= 2 ** 32) {
    throw new InvalidArgumentError(
      `--seed must be the counterexample's fast-check seed (a 32-bit integer), got ${JSON.stringify(raw)}`,
    );
  }
  return v;
}

/** A counterexample's fast-check path (`0:1:0`). */
export function pathOption(raw: string): string {
  if (!/^\d+(?::\d+)*$/.test(raw.trim())) {
    throw new InvalidArgumentError(
      `--path must be fast-check's counterexample path (integers separated by ':'), got ${JSON.stringify(raw)}`,
    );
  }
  return raw.trim();
}

/** Progress bars only on an interactive terminal, never in CI. */
export function showProgress(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

/** A calibration shard `i/n` (1 ≤ i ≤ n). */
export function shardOption(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (
    !m ||
    !Number.isSafeInteger(index) ||
    !Number.isSafeInteger(count) ||
    count < 1 ||
    index < 1 ||
    index > count
  ) {
    throw new InvalidArgumentError(
      `--shard must be i/n with integers 1 <= i <= n (shard i of n), got ${JSON.stringify(raw)}`,
    );
  }
  return { index, count };
}
