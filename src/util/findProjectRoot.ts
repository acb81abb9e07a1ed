import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The project a path belongs to: the nearest folder at or above `from` that holds a
 * package.json (as npm finds it). Claim folders, plug-ins and report paths are relative to it.
 * Without any package.json above, `from` itself.
 */
export function findProjectRoot(from: string = process.cwd()): string {
  const start = resolve(from);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
