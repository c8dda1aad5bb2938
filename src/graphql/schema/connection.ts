import type { GraphQLResolveInfo } from "graphql";
import type { Page } from "../../ops/read/queryset.js";
import { costExtension } from "../limits/cost.js";
import type { Ref, SchemaContext } from "./context.js";

/** What a connection field resolves to: one page of items, and how to count them all (`totalCount`). */
export type Connection = Page<unknown> & { count?: () => Promise<number> };

/** A connection with nothing in it: a relation with no key, or a partition the caller may not read. */
export const EMPTY_CONNECTION: Connection = { items: [], cursor: null, hasMore: false, cursorAt: () => "" };

/** Gets what the nodes' selected relations name before the nodes are returned; undefined when nothing is to wait for. */
export type NodePreload = (nodes: readonly unknown[], context: unknown, info: GraphQLResolveInfo, under: "nodes" | "edges") => Promise<unknown> | undefined;

/** `value`, once `ready` (if any) settled. */
function after<T>(ready: Promise<unknown> | undefined, value: T): T | Promise<T> {
  return ready ? ready.then(() => value) : value;
}

interface Edge {
  page: Connection;
  index: number;
}

/**
 * Where the next page starts. With more to read it is where the read stopped, which may lie
 * past the last edge (a page whose reads matched few or no items): an empty page still
 * continues, and the next page does not read those items again.
 */
function endCursor(page: Connection): string | null {
  if (page.hasMore && !page.backward) return page.cursor;
  return page.items.length ? page.cursorAt(page.items.length - 1) : null;
}

/** Where the previous page ends: read backward with more to read, where the reads stopped (as `endCursor`). */
function startCursor(page: Connection): string | null {
  if (page.hasMore && page.backward) return page.cursor;
  return page.items.length ? page.cursorAt(0) : null;
}

/**
 * The shared Relay `PageInfo` type. A page knows what follows in the direction it was read:
 * `hasPreviousPage` is false on forward pages and `hasNextPage` on backward ones, as the
 * Relay spec allows when finding out would cost another read.
 */
export function pageInfoType(ctx: Pick<SchemaContext, "builder">): Ref {
  return ctx.builder.objectRef<Connection>("PageInfo").implement({
    fields: (t) => ({
      hasNextPage: t.boolean({ nullable: false, resolve: (page) => page.hasMore && !page.backward }),
      hasPreviousPage: t.boolean({ nullable: false, resolve: (page) => page.hasMore && !!page.backward }),
      startCursor: t.string({ nullable: true, resolve: startCursor }),
      endCursor: t.string({ nullable: true, resolve: endCursor }),
    }),
  });
}

/** `OrderConnection` with `edges { node cursor }`, `nodes` and `pageInfo`. */
export function connectionType(ctx: SchemaContext, typeName: string, node: Ref, preload: NodePreload): Ref {
  const edge = ctx.builder.objectRef<Edge>(`${typeName}Edge`).implement({
    fields: (t) => ({
      node: t.field({ type: node as never, nullable: false, resolve: (e) => e.page.items[e.index] as never }),
      // Signed lazily: most clients never ask for per-edge cursors.
      cursor: t.string({ nullable: false, resolve: (e) => e.page.cursorAt(e.index) }),
    }),
  });
  return ctx.builder.objectRef<Connection>(`${typeName}Connection`).implement({
    fields: (t) => ({
      edges: t.field({
        type: [edge],
        nullable: { list: false, items: false },
        resolve: (page, _args, context, info) => after(preload(page.items, context, info, "edges"), page.items.map((_, index) => ({ page, index }))),
      }),
      nodes: t.field({
        type: [node as never],
        nullable: { list: false, items: false } as never,
        resolve: (page, _args, context, info) => after(preload(page.items, context, info, "nodes"), page.items) as never,
      }),
      pageInfo: t.field({ type: ctx.pageInfo as never, nullable: false, resolve: (page) => page as never }),
      totalCount: t.int({
        nullable: false,
        description: "Every item of the connection, whatever the page (Select: COUNT over the partition; costs the reads of its items).",
        extensions: costExtension({ kind: "count" }),
        resolve: (page) => page.count?.() ?? 0,
      }),
    }),
  });
}
