import { setTimeout as delay } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { ConditionFailed, defineModel, F, field, ValidationError, VersionConflict, type StandardSchemaV1 } from "../../src/index.js";
import { expectRefused, storedItem } from "../support/stored.js";
import { useFreshTable } from "../support/storm.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
beforeAll(async () => {
  env = await useFreshTable();
});

/** A time strictly later than any taken so far (ISO strings have millisecond resolution). */
const tick = () => delay(3);

describe("field kinds", () => {
  const Event = defineModel("Event", {
    id: field.string({ pk: true }),
    at: field.datetime(),
    kind: field.enum(["meeting", "call"]),
    done: field.boolean(),
    seats: field.int({ default: 1 }),
  });
  const valid = { id: "e1", at: "2024-05-01T10:30:00.000Z", kind: "call", done: false } as const;

  it("stores datetimes, enums and booleans and reads them back", async () => {
    for (const at of ["2024-05-01T10:30:00.000Z", "2024-05-01", "2024-05-01T10:30:00+02:00", "2024-02-29T23:59:59Z"]) {
      const e = await Event.objects.create({ ...valid, id: at, at });
      expect((await Event.objects.get({ id: at })).toJSON()).toEqual(e.toJSON());
    }
    const e = await Event.objects.get({ id: valid.at });
    expect(e.done).toBe(false);
    expect(e.kind).toBe("call");
    expect(e.seats).toBe(1);
  });

  it("stores ints across the whole 32-bit range", async () => {
    for (const seats of [2 ** 31 - 1, -(2 ** 31), 0]) {
      await Event.objects.create({ ...valid, id: `seats ${seats}`, seats });
      expect((await Event.objects.get({ id: `seats ${seats}` })).seats).toBe(seats);
    }
  });

  it.each([
    ["a datetime that is not a date", { at: "not a date" }],
    ["an impossible datetime", { at: "2024-13-45T99:00:00Z" }],
    ["a datetime on a day that does not exist", { at: "2023-02-29T10:00:00Z" }],
    ["an enum value outside its values", { kind: "party" }],
    ["a boolean given as a string", { done: "false" }],
    ["an int with a fraction", { seats: 1.5 }],
    ["an int beyond 32 bits", { seats: 2 ** 31 }],
    ["an int below 32 bits", { seats: -(2 ** 31) - 1 }],
  ])("refuses %s with ValidationError and writes nothing", async (_, bad) => {
    const e = new Event({ ...valid, id: "bad", ...(bad as object) });
    await expectRefused(env, e, () => e.save(), ValidationError);
    expect(await storedItem(env, e)).toBeUndefined();
  });
});

describe("automatic timestamps", () => {
  const Note = defineModel("Note", {
    id: field.string({ pk: true }),
    created: field.datetime({ autoNowAdd: true }),
    modified: field.datetime({ autoNow: true }),
    text: field.string(),
  });

  it("sets autoNowAdd once at create and autoNow on every save and update", async () => {
    const before = new Date().toISOString();
    const n = await Note.objects.create({ id: "n1", text: "a" });
    const { created } = n;
    expect(created >= before).toBe(true);
    expect(n.modified).toBe(created);
    expect(await storedItem(env, n)).toMatchObject({ created, modified: created });

    const seen = [created];
    const writes = [() => n.save(), () => n.update({ text: "b" }), () => Note.objects.update({ id: "n1" }, { text: "c" })];
    for (const write of writes) {
      await tick();
      await write();
      const now = await storedItem(env, n);
      expect(now?.created).toBe(created);
      expect(seen).not.toContain(now?.modified);
      seen.push(now?.modified as string);
    }
    expect(n.created).toBe(created);
  });
});

describe("optimistic locking", () => {
  const Doc = defineModel("Doc", {
    id: field.string({ pk: true }),
    version: field.number({ version: true }),
    body: field.string(),
  });

  it("starts at 1 and counts every save and update", async () => {
    const d = await Doc.objects.create({ id: "v1", body: "a" });
    expect(d.version).toBe(1);
    await d.save();
    expect(d.version).toBe(2);
    await d.update({ body: "b" });
    expect(d.version).toBe(3);
    expect((await Doc.objects.update({ id: "v1" }, { body: "c" })).version).toBe(4);
    expect(await storedItem(env, d)).toMatchObject({ version: 4, body: "c" });
  });

  it("refuses a stale instance's save, update and delete with VersionConflict", async () => {
    await Doc.objects.create({ id: "v2", body: "a" });
    const stale = await Doc.objects.get({ id: "v2" });
    await (await Doc.objects.get({ id: "v2" })).update({ body: "fresh" });
    for (const write of [() => stale.save(), () => stale.update({ body: "stale" }), () => stale.delete()]) {
      await expectRefused(env, stale, write, VersionConflict);
      await expect(write()).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    }
    expect(await storedItem(env, stale)).toMatchObject({ version: 2, body: "fresh" });
  });

  it("refuses a stale instance whose item another writer deleted", async () => {
    const stale = await Doc.objects.create({ id: "v4", body: "a" });
    await Doc.objects.delete({ id: "v4" });
    await expect(stale.save()).rejects.toBeInstanceOf(VersionConflict);
    await expect(stale.update({ body: "b" })).rejects.toMatchObject({ code: "DOES_NOT_EXIST" });
    await expect(stale.delete()).rejects.toBeInstanceOf(VersionConflict);
    expect(await Doc.objects.find({ id: "v4" })).toBeNull();
  });

  it("deletes by key with a failing condition as ConditionFailed, whatever the version", async () => {
    await Doc.objects.create({ id: "v5", body: "a" });
    await expect(Doc.objects.delete({ id: "v5" }, { condition: { body: "b" } })).rejects.toBeInstanceOf(ConditionFailed);
  });

  it("refuses to set the version by hand", async () => {
    const d = await Doc.objects.create({ id: "v3", body: "a" });
    // @ts-expect-error the version field is not updatable; JavaScript callers get a ValidationError
    await expectRefused(env, d, () => d.update({ version: 7 }), ValidationError);
    // @ts-expect-error likewise for an expression
    await expectRefused(env, d, () => d.update({ version: F("version").add(1) }), ValidationError);
  });
});

describe("Standard Schema validators", () => {
  /** A minimal Standard Schema validator: `check` returns the problem, or null. */
  const schema = (check: (value: unknown) => string | null, path?: string): StandardSchemaV1 => ({
    "~standard": {
      version: 1,
      vendor: "test",
      validate: async (value) => {
        const message = check(value);
        return message ? { issues: [{ message, ...(path ? { path: [path] } : {}) }] } : { value };
      },
    },
  });
  const loWithinHi = ({ lo, hi }: { lo: number; hi: number }) => lo <= hi;
  const Range = defineModel(
    "Range",
    {
      id: field.string({ pk: true }),
      email: field.string({ validate: schema((v) => (String(v).includes("@") ? null : "not an email")) }),
      lo: field.number(),
      hi: field.number(),
    },
    { validate: schema((v) => (loWithinHi(v as { lo: number; hi: number }) ? null : "lo exceeds hi"), "hi") },
  );
  const valid = { id: "r1", email: "a@b.c", lo: 1, hi: 2 };

  it("rejects a bad field value and a bad item, listing the issues, and writes nothing", async () => {
    const bad = new Range({ ...valid, email: "nope", lo: 3 });
    const error = await bad.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "email", message: "not an email" },
      { path: "hi", message: "lo exceeds hi" },
    ]);
    expect(await storedItem(env, bad)).toBeUndefined();
  });

  it("runs field validators on update", async () => {
    const r = await Range.objects.create(valid);
    await expectRefused(env, r, () => r.update({ email: "nope" }), ValidationError);
  });
});

/** Items for conditions and filters, and which operators they exercise. */
