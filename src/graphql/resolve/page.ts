import type { Loaders } from "../../loader/context.js";
import { queryWith } from "../../ops/manager.js";
import type { Where } from "../../ops/where.js";
import { pageSize, withoutNulls, type PageSizeLimits } from "../args.js";
import { clientError } from "../errors.js";
import type { ListAccess } from "../auth/model-auth.js";
import type { AnyModel } from "../relations.js";
import type { Connection } from "../schema/connection.js";

/** Arguments every connection field takes. */
export interface ListArgs {
  sk?: Record<string, unknown> | null;
  filter?: Record<string, unknown> | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

/** The page reads backward (Relay `last`/`before`); forward and backward arguments together are refused. */
export function pagesBackward(args: ListArgs): boolean {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw clientError("BAD_USER_INPUT", "A page goes forward (first, after) or backward (last, before), not both");
  }
  return backward;
}

/** One page of `model` in the partition `values` name (on GSI1 with `index`) read through `loaders`, holding only the items `access` lets the caller see. */
export async function readPage(loaders: Loaders | undefined, model: AnyModel, values: Record<string, unknown>, args: ListArgs, limits: PageSizeLimits, index = false, access: ListAccess = {}): Promise<Connection> {
  let query = queryWith(loaders, model, values as never);
  if (index) query = query.useIndex();
  if (args.sk) query = query.sortKey(withoutNulls(args.sk));
  if (args.filter) query = query.filter(withoutNulls(args.filter) as Where);
  if (access.filter) query = query.filter(access.filter);
  if (args.reverse) query = query.reverse();
  const backward = pagesBackward(args);
  const size = backward ? pageSize(args.last, limits, "last") : pageSize(args.first, limits);
  const page: Connection = await query.page({ size, cursor: (backward ? args.before : args.after) ?? null, backward, ...(access.keep ? { keep: access.keep } : {}) });
  // A rule that decides per item cannot be counted by DynamoDB: a count would tell what it hides.
  page.count = access.keep ? () => Promise.reject(clientError("FORBIDDEN", "totalCount is not available where a read rule decides per item")) : () => query.count();
  return page;
}
