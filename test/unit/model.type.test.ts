import { describe, expectTypeOf, it } from "vitest";
import { defineModel, F, field, type InputOf, type InstanceOf, type ItemOf, type KeyOf } from "../../src/index.js";

interface Info {
  tags: string[];
}
interface Address {
  city: string;
}

const Thing = defineModel("Thing", {
  id: field.string({ pk: true }),
  seq: field.number({ sk: true }),
  name: field.string(),
  count: field.number({ default: 0 }),
  rank: field.int({ default: 0 }),
  active: field.boolean(),
  status: field.enum(["draft", "live"]),
  info: field.json<Info>(),
  address: field.json({ optional: true }).$type<Address>(),
  items: field.list<string>(),
  at: field.datetime({ autoNowAdd: true }),
  note: field.string({ optional: true }),
  version: field.number({ version: true }),
});
type Thing = InstanceOf<typeof Thing>;

const valid = {
  id: "t1", seq: 1, name: "n", active: true, status: "draft", info: { tags: [] }, items: [],
} satisfies InputOf<typeof Thing>;
/**
 * Type-only: the callback is never called (vitest also runs this file), so nothing is sent;
 * what it holds must, or must not, compile.
 */
const typeOnly = (_: () => unknown) => undefined;
declare const thing: Thing;

describe("instance fields are typed from the definition", () => {
  it("scalars, ints, enums, json, lists, datetimes", () => {
    expectTypeOf<Thing["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Thing["seq"]>().toEqualTypeOf<number>();
    expectTypeOf<Thing["rank"]>().toEqualTypeOf<number>();
    expectTypeOf<Thing["active"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Thing["status"]>().toEqualTypeOf<"draft" | "live">();
    expectTypeOf<Thing["info"]>().toEqualTypeOf<Info>();
    expectTypeOf<Thing["items"]>().toEqualTypeOf<string[]>();
    expectTypeOf<Thing["at"]>().toEqualTypeOf<string>();
  });

  it("optional fields may be undefined; fields with a default are present once stored", () => {
    expectTypeOf<Thing["note"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Thing["address"]>().toEqualTypeOf<Address | undefined>();
    expectTypeOf<Thing["count"]>().toEqualTypeOf<number>();
    expectTypeOf<ItemOf<typeof Thing>>().toHaveProperty("version").toEqualTypeOf<number>();
  });

  it("Model.objects.get takes the key and resolves to a typed instance", () => {
    expectTypeOf(Thing.objects.get).parameter(0).toEqualTypeOf<{ id: string; seq: number }>();
    expectTypeOf(Thing.objects.get).returns.resolves.toEqualTypeOf<Thing>();
    type Query = ReturnType<typeof Thing.objects.using>;
    expectTypeOf<Query["all"]>().returns.resolves.toEqualTypeOf<Thing[]>();
    expectTypeOf<Query["first"]>().returns.resolves.toEqualTypeOf<Thing | null>();
  });
});

describe("derived item types", () => {
  it("InputOf makes fields with a default, an automatic value or optional optional", () => {
    expectTypeOf<InputOf<typeof Thing>>().toEqualTypeOf<{
      id: string;
      seq: number;
      name: string;
      active: boolean;
      status: "draft" | "live";
      info: Info;
      items: string[];
      count?: number;
      rank?: number;
      address?: Address;
      at?: string;
      note?: string;
      version?: number;
    }>();
  });

  it("KeyOf holds exactly the pk and sk fields", () => {
    expectTypeOf<KeyOf<typeof Thing>>().toEqualTypeOf<{ id: string; seq: number }>();
  });
});

describe("what must not compile", () => {
  it("new Model with an unknown field, a wrong type, or a required field missing", () => {
    typeOnly(() => new Thing(valid));
    // @ts-expect-error unknown field
    typeOnly(() => new Thing({ id: "t1", seq: 1, name: "n", active: true, status: "draft", info: { tags: [] }, items: [], bogus: 1 }));
    // @ts-expect-error wrong value type
    typeOnly(() => new Thing({ ...valid, name: 1 }));
    // @ts-expect-error an int field takes numbers
    typeOnly(() => new Thing({ ...valid, rank: "1" }));
    // @ts-expect-error enum value outside the list
    typeOnly(() => new Thing({ ...valid, status: "gone" }));
    // @ts-expect-error json of the wrong shape
    typeOnly(() => new Thing({ ...valid, info: { tags: [1] } }));
    const { name: _, ...withoutName } = valid;
    // @ts-expect-error missing required field
    typeOnly(() => new Thing(withoutName));
  });

  it("unknown fields in using, filter and only", () => {
    typeOnly(() => Thing.objects.using({ id: "t1" }).filter({ count: { gt: 1 }, or: [{ note: { exists: true } }] }).only("name"));
    // @ts-expect-error unknown field in using
    typeOnly(() => Thing.objects.using({ bogus: "x" }));
    // @ts-expect-error unknown field in filter
    typeOnly(() => Thing.objects.using({ id: "t1" }).filter({ bogus: 1 }));
    // @ts-expect-error wrong value type in filter
    typeOnly(() => Thing.objects.using({ id: "t1" }).filter({ count: { gt: "1" } }));
    // @ts-expect-error unknown field in only
    typeOnly(() => Thing.objects.using({ id: "t1" }).only("bogus"));
  });

  it("updates of key fields or with wrongly typed values", () => {
    typeOnly(() => thing.update({ name: "m", count: F("count").add(1), note: null }));
    // @ts-expect-error pk fields are not updatable
    typeOnly(() => thing.update({ id: "t2" }));
    // @ts-expect-error sk fields are not updatable
    typeOnly(() => Thing.objects.update({ id: "t1", seq: 1 }, { seq: 2 }));
    // @ts-expect-error wrong value type
    typeOnly(() => thing.update({ count: "3" }));
    // @ts-expect-error unknown field
    typeOnly(() => thing.update({ bogus: 1 }));
  });
});
