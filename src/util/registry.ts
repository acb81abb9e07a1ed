import { checkParamSchema, type ParamSchema } from "./params.ts";
import { InvalidParameterError } from "./validate.ts";

/**
 * A plug-in definition is malformed (bad schema, missing operation, clashing name) or a plug-in
 * misbehaved at run time (an operation returned NaN, a fit returned the wrong model kind). The
 * message names the plug-in (`defineFamily "exp-mle"`) and the field.
 */
export class PluginError extends InvalidParameterError {
  constructor(api: string, field: string, requirement: string, value: unknown) {
    super(api, field, requirement, value);
    this.name = "PluginError";
  }
}

/**
 * Every copy of this module evaluated in the thread, by URL, in a list shared through
 * `globalThis`: a plug-in that imports another copy of collapse-harness (a checkout's sources
 * next to its built `dist/`, or two installed versions) registers into that copy's registries,
 * which the running harness never reads. {@link loadPlugins} compares the list before and after
 * importing a plug-in and names the copy instead of failing later with "unknown family".
 */
const COPIES_KEY = Symbol.for("collapse-harness.registry-copies");
const shared = globalThis as Record<symbol, string[] | undefined>;
const copies: string[] = shared[COPIES_KEY] ?? [];
shared[COPIES_KEY] = copies;
copies.push(import.meta.url);

/** The URL of the registry module that is running, and of every copy evaluated in this thread. */
export function registryCopies(): { readonly running: string; readonly loaded: readonly string[] } {
  return { running: import.meta.url, loaded: copies };
}

/** What every registered plug-in has: a name, a one-line description and a parameter schema. */
export interface Registered {
  readonly name: string;
  readonly description: string;
  readonly params: ParamSchema;
  /** Whether the harness ships it (false for user plug-ins). */
  readonly builtin: boolean;
}

/** The requirement part of an InvalidParameterError message (`<api>: <param> <requirement>, got …`). */
function requirementOf(error: InvalidParameterError): string {
  const head = `${error.api}: ${error.parameter} `;
  const body = error.message.startsWith(head) ? error.message.slice(head.length) : error.message;
  const got = body.lastIndexOf(", got ");
  return got >= 0 ? body.slice(0, got) : body;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Whether two plug-in definitions are the same: equal primitives, functions with the same source
 * text, and objects or arrays whose own entries are the same (recursively). Two executions of one
 * module's definition pass; two different plug-ins under one name do not.
 */
export function sameDefinition(a: unknown, b: unknown): boolean {
  if (typeof a === "function" || typeof b === "function") {
    return typeof a === "function" && typeof b === "function" && String(a) === String(b);
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return Object.is(a, b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  if (ka.length !== Object.keys(rb).length) return false;
  return ka.every((k) => Object.hasOwn(rb, k) && sameDefinition(ra[k], rb[k]));
}

/**
 * Named plug-ins of one kind (truths, families, …). Registration validates the common fields
 * eagerly and refuses a second plug-in with the same name.
 */
export class Registry<T extends Registered> {
  readonly #entries = new Map<string, T>();
  readonly #definitions = new Map<string, unknown>();
  /** e.g. `family`, used in errors: `family "x" is not registered`. */
  readonly kind: string;
  /** e.g. `defineFamily`. */
  readonly api: string;

  constructor(kind: string, api: string) {
    this.kind = kind;
    this.api = api;
  }

  /** Checks the common fields of a definition; returns the API label for further errors. */
  checkCommon(def: { name?: unknown; description?: unknown; params?: unknown }): string {
    if (typeof def !== "object" || def === null) {
      throw new PluginError(this.api, "definition", "must be an object", def);
    }
    if (typeof def.name !== "string" || !NAME.test(def.name)) {
      throw new PluginError(
        this.api,
        "name",
        "must be a kebab-case name (lower-case letters, digits, single dashes)",
        def.name,
      );
    }
    const api = `${this.api} "${def.name}"`;
    if (typeof def.description !== "string" || def.description.trim() === "") {
      throw new PluginError(
        api,
        "description",
        "must be a non-empty one-line description",
        def.description,
      );
    }
    try {
      checkParamSchema(api, def.params ?? {});
    } catch (error) {
      if (!(error instanceof InvalidParameterError)) throw error;
      throw new PluginError(api, error.parameter, requirementOf(error), error.value);
    }
    return api;
  }

  /**
   * Adds a checked entry; a second entry with the same name is a PluginError — unless it comes
   * from an identical `definition` (same values, functions with the same source): a module that
   * is executed again (a claim file defining a plug-in inline, imported by `collapse list` and
   * then run as a test in the same process) re-registers what is already there, and the first
   * registration is kept.
   */
  add(entry: T, definition?: unknown): T {
    const existing = this.#entries.get(entry.name);
    if (existing !== undefined) {
      const before = this.#definitions.get(entry.name);
      if (definition !== undefined && before !== undefined && sameDefinition(before, definition)) {
        return existing;
      }
      throw new PluginError(
        `${this.api} "${entry.name}"`,
        "name",
        `clashes with the ${existing.builtin ? "built-in" : "registered"} ${this.kind} of the same name`,
        entry.name,
      );
    }
    this.#entries.set(entry.name, entry);
    if (definition !== undefined) this.#definitions.set(entry.name, definition);
    return entry;
  }

  /** Whether a name is registered. */
  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** The entry with this name; an unknown name is a named error listing the registered ones. */
  get(name: string): T {
    const entry = this.#entries.get(name);
    if (entry === undefined) {
      throw new InvalidParameterError(
        this.kind,
        "name",
        `must be one of: ${[...this.#entries.keys()].join(", ")}`,
        name,
      );
    }
    return entry;
  }

  /** Every entry, in registration order (built-ins first). */
  list(): T[] {
    return [...this.#entries.values()];
  }

  /** Removes a user plug-in (tests); built-ins cannot be removed. */
  remove(name: string): boolean {
    const entry = this.#entries.get(name);
    if (entry === undefined || entry.builtin) return false;
    return this.#entries.delete(name);
  }
}
