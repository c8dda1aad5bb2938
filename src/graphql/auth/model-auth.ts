import { InvalidDefinition } from "../../errors/index.js";
import type { Where } from "../../ops/where.js";
import { clientError } from "../errors.js";
import type { AnyModel } from "../relations.js";
import type { ModelRules } from "./types.js";

type Values = Readonly<Record<string, unknown>>;
type Rules = ModelRules<AnyModel, unknown>;

/** What a list may read for one caller: nothing, or pages kept to the items the rules allow. */
export interface ListAccess {
  /** Drops refused items inside the page read, so pages stay full. */
  keep?: (item: unknown) => boolean;
  /** A FilterExpression confining a GSI1 read to the caller's partitions. */
  filter?: Where;
}

const FORBIDDEN = "Not allowed";

/**
 * One model's rules, applied the same way on every path that reaches its items. The scope
 * is key arithmetic and the item rules look at items already read: neither sends a request.
 */
export class ModelAuth {
  readonly #pk: readonly string[];

  constructor(
    readonly model: AnyModel,
    readonly rules: Rules = {},
  ) {
    this.#pk = model.meta.pk.map((p) => p.name);
  }

  /** Whether the pk arguments may be left out, to be filled from the caller's scope. */
  get scoped(): boolean {
    return !!this.rules.scope;
  }

  /**
   * Whether a list of this model may drop items it read (a `read` rule, or a scope on a GSI1
   * list): such a page reads on like a filtered one to fill itself.
   */
  dropsListItems(index: boolean): boolean {
    return !!this.rules.read || (index && !!this.rules.scope);
  }

  /** Whether an update or delete must read the item first: its rules look at the stored item. */
  readsBeforeWrite(action: "update" | "delete"): boolean {
    return !!(this.rules.read || this.rules[action]);
  }

  /** The caller's pk values (`{}` unconfined), or null when no partition is open to the caller. */
  #scope(context: unknown): Values | null {
    const scope = this.rules.scope?.(context);
    if (scope === false) return null;
    if (!scope) return {};
    const unknown = Object.keys(scope).filter((name) => !this.#pk.includes(name));
    if (unknown.length) throw new InvalidDefinition(`rules.${this.model.meta.name}.scope returned ${unknown.join(", ")}; a scope names pk fields only (${this.#pk.join(", ")})`);
    // Fail closed: `{ customer_id: ctx.userId }` for a caller without an id opens nothing.
    return Object.values(scope).some((v) => v === undefined || v === null) ? null : (scope as Values);
  }

  /** Whether these pk values lie inside the caller's scope: key arithmetic, no request. */
  inScope(context: unknown, values: Values): boolean {
    // Asked once per node of a page: without a scope rule, answer without allocating.
    if (!this.rules.scope) return true;
    const scope = this.#scope(context);
    return !!scope && Object.entries(scope).every(([name, value]) => values[name] === value);
  }

  /**
   * The argument values for `names` (a key or a partition), the pk ones left out filled from
   * the caller's scope; null when they name a partition outside it.
   */
  keyFromArgs(context: unknown, args: Values, names: readonly string[]): Record<string, unknown> | null {
    const scope = this.#scope(context);
    if (!scope) return null;
    const values: Record<string, unknown> = {};
    for (const name of names) {
      const value = args[name] ?? scope[name];
      if (value === undefined || value === null) throw clientError("BAD_USER_INPUT", `Argument "${name}" is required: no scope gives it for this caller`);
      values[name] = value;
    }
    return this.inScope(context, values) ? values : null;
  }

  /** Whether the caller may see this item: inside the scope, and allowed by `read`. */
  canRead(context: unknown, item: object): boolean {
    const values = item as Values;
    return this.inScope(context, values) && (this.rules.read?.(context, item as never) ?? true);
  }

  /** The item when the caller may see it, else null (as if it did not exist); a promise for it when given one. */
  readable<T extends object>(context: unknown, item: Promise<T | null>): Promise<T | null>;
  readable<T extends object>(context: unknown, item: T | null | Promise<T | null>): T | null | Promise<T | null>;
  readable<T extends object>(context: unknown, item: T | null | Promise<T | null>): T | null | Promise<T | null> {
    // Without item rules every item read is visible: no promise more per get.
    if (!this.rules.scope && !this.rules.read) return item;
    const visible = (found: T | null) => (found && this.canRead(context, found) ? found : null);
    return item instanceof Promise ? item.then(visible) : visible(item);
  }

  /**
   * How a list of this model reads for the caller; null when nothing is open to it. A table
   * partition was already checked against the scope by its key; a GSI1 partition spans
   * partitions, so it is filtered on the scoped pk attributes (read capacity is spent on
   * the items filtered out, but no extra request is made until a page is short).
   */
  listAccess(context: unknown, index: boolean): ListAccess | null {
    const scope = this.#scope(context);
    if (!scope) return null;
    const confined = index && Object.keys(scope).length > 0;
    const access: ListAccess = {};
    if (confined) access.filter = { ...scope } as Where;
    if (confined || this.rules.read) access.keep = (item) => this.canRead(context, item as object);
    return access;
  }

  /** Refuses a write whose key lies outside the caller's scope, before any request. */
  checkKey(context: unknown, key: Values): void {
    if (!this.inScope(context, key)) throw clientError("FORBIDDEN", FORBIDDEN);
  }

  /** Refuses a create outside the scope, or one `create` or `read` refuses (the caller must be able to see what it writes). */
  checkCreate(context: unknown, draft: object): void {
    this.checkKey(context, draft as Values);
    if (!this.canRead(context, draft) || !(this.rules.create?.(context, draft as never) ?? true)) throw clientError("FORBIDDEN", FORBIDDEN);
  }

  /** Refuses an update or delete that the model's rule refuses for this stored item. */
  checkChange(context: unknown, item: object, action: "update" | "delete", input: Values = {}): void {
    const allowed = action === "update" ? this.rules.update?.(context, item as never, input as never) : this.rules.delete?.(context, item as never);
    if (allowed === false) throw clientError("FORBIDDEN", FORBIDDEN);
  }

  /** A mutation's result, FORBIDDEN when the caller may not see it (the schema requires a value). */
  checkResult<T extends object>(context: unknown, item: T): T {
    if (!this.canRead(context, item)) throw clientError("FORBIDDEN", FORBIDDEN);
    return item;
  }
}

/** Rules per model name, checked against the models when the schema is built. */
export function modelAuths(models: readonly AnyModel[], rules: Readonly<Record<string, Rules | undefined>> = {}): Map<string, ModelAuth> {
  const byName = new Map(models.map((m) => [m.meta.name, m] as const));
  for (const name of Object.keys(rules)) {
    if (!byName.has(name)) throw new InvalidDefinition(`stormModels: rules name unknown model "${name}"; expected one of ${[...byName.keys()].join(", ")}`);
  }
  return new Map(models.map((m) => [m.meta.name, new ModelAuth(m, rules[m.meta.name])] as const));
}
