/**
 * Which real data a computation read: truths with a `source` (a text corpus, a counts file) note
 * it when they are built, and {@link collectDataSources} gathers the notes made while a function
 * runs — so a claim's report can name the corpus, its size and its split without the claim
 * repeating them. Synchronous and per thread (a worker's truths are noted where its specs are
 * built, which for claims is the calling thread).
 */

const active: Set<string>[] = [];

/** Notes that a truth reading `source` was built (a no-op unless a collection is running). */
export function noteDataSource(source: string): void {
  for (const set of active) set.add(source);
}

/** Runs `f`, adding to `into` the source of every truth built meanwhile; returns f's value. */
export function collectDataSources<T>(into: Set<string>, f: () => T): T {
  active.push(into);
  try {
    return f();
  } finally {
    active.splice(active.lastIndexOf(into), 1);
  }
}
