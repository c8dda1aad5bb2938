import type { Loaders } from "../../loader/context.js";
import { queryWith } from "../../ops/manager.js";
import type { Page } from "../../ops/read/queryset.js";
import type { Where } from "../../ops/where.js";
import { pageSize, withoutNulls, type PageSizeLimits } from "../args.js";
import type { ListAccess } from "../auth/model-auth.js";
import type { AnyModel } from "../relations.js";

/** Arguments every connection field takes. */
export interface ListArgs {
  sk?: Record<string, unknown> | null;
  filter?: Record<string, unknown> | null;
  first?: number | null;
  after?: string | null;
  reverse?: boolean | null;
}

/** One page of `model` in the partition `values` name (on GSI1 with `index`) read through `loaders`, holding only the items `access` lets the caller see. */
export function readPage(loaders: Loaders | undefined, model: AnyModel, values: Record<string, unknown>, args: ListArgs, limits: PageSizeLimits, index = false, access: ListAccess = {}): Promise<Page<unknown>> {
  let query = queryWith(loaders, model, values as never);
  if (index) query = query.useIndex();
  if (args.sk) query = query.sortKey(withoutNulls(args.sk));
  if (args.filter) query = query.filter(withoutNulls(args.filter) as Where);
  if (access.filter) query = query.filter(access.filter);
  if (args.reverse) query = query.reverse();
  return query.page({ size: pageSize(args.first, limits), cursor: args.after ?? null, ...(access.keep ? { keep: access.keep } : {}) });
}
