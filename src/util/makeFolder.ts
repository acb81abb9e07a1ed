import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdir -p` one level at a time: creates `folder` and any missing parents, and throws the
 * system's error (ENOENT, EACCES, ENOTDIR…) at the first level that cannot be created. Node's
 * `mkdirSync(…, { recursive: true })` retries forever on some pseudo-filesystems (e.g.
 * `/proc/x` on Linux, where mkdir fails with ENOENT although the parent exists).
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  let at = resolve(folder);
  while (!existsSync(at)) {
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) {
    const e = new Error(`ENOTDIR: not a directory, ${at}`) as NodeJS.ErrnoException;
    e.code = "ENOTDIR";
    throw e;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}
