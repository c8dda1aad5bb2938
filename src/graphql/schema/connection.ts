import type { Page } from "../../ops/read/queryset.js";
import type { Ref, SchemaContext } from "./context.js";

/** What a connection field resolves to: one page of items. */
export type Connection = Page<unknown>;

/** A connection with nothing in it: a relation with no key, or a partition the caller may not read. */
export const EMPTY_CONNECTION: Connection = { items: [], cursor: null, hasMore: false, cursorAt: () => "" };

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
  if (page.hasMore) return page.cursor;
  return page.items.length ? page.cursorAt(page.items.length - 1) : null;
}

/** The shared Relay `PageInfo` type. Pages only go forward, so there is no previous page. */
export function pageInfoType(ctx: Pick<SchemaContext, "builder">): Ref {
  return ctx.builder.objectRef<Connection>("PageInfo").implement({
    fields: (t) => ({
      hasNextPage: t.boolean({ nullable: false, resolve: (page) => page.hasMore }),
      hasPreviousPage: t.boolean({ nullable: false, resolve: () => false }),
      startCursor: t.string({ nullable: true, resolve: (page) => (page.items.length ? page.cursorAt(0) : null) }),
      endCursor: t.string({ nullable: true, resolve: endCursor }),
    }),
  });
}

/** `OrderConnection` with `edges { node cursor }`, `nodes` and `pageInfo`. */
export function connectionType(ctx: SchemaContext, typeName: string, node: Ref): Ref {
  const edge = ctx.builder.objectRef<Edge>(`${typeName}Edge`).implement({
    fields: (t) => ({
      node: t.field({ type: node as never, nullable: false, resolve: (e) => e.page.items[e.index] as never }),
      // Signed lazily: most clients never ask for per-edge cursors.
      cursor: t.string({ nullable: false, resolve: (e) => e.page.cursorAt(e.index) }),
    }),
  });
  return ctx.builder.objectRef<Connection>(`${typeName}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], nullable: { list: false, items: false }, resolve: (page) => page.items.map((_, index) => ({ page, index })) }),
      nodes: t.field({ type: [node as never], nullable: { list: false, items: false } as never, resolve: (page) => page.items as never }),
      pageInfo: t.field({ type: ctx.pageInfo as never, nullable: false, resolve: (page) => page as never }),
    }),
  });
}
