import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeKeyValue, splitKey } from "../../src/index.js";
import { TestModel } from "../support/models.js";

/**
 * Key values: mostly built from separators, escapes and identifier letters, so that
 * near-collisions ("x#B#y", "z" against "x", "y#B#z") are common; the rest any unicode text.
 */
const keyValue = fc.oneof(
  fc.array(fc.constantFrom("#", "\\", "#B#", "#D#", "\\#", "x", "é", "😀"), { minLength: 1, maxLength: 4 }).map((t) => t.join("")),
  fc.string({ unit: "grapheme", minLength: 1 }),
);
/** Values the escaping leaves alone. */
const plainValue = fc.string({ unit: "grapheme", minLength: 1 }).filter((s) => !/[#\\]/.test(s));

const pair = fc.tuple(keyValue, keyValue);
const instance = (pk: readonly [string, string], sk: readonly [string, string]) =>
  new TestModel({ a_pk: pk[0], b_pk: pk[1], c_sk: sk[0], d_sk: sk[1], e_gsi: pk[0], f_gsi: pk[1] });
const same = (a: readonly string[], b: readonly string[]) => a.every((v, i) => v === b[i]);

describe("key building", () => {
  it("gives distinct value tuples distinct PKs, SKs and GSI1PKs", () => {
    fc.assert(
      fc.property(pair, pair, (x, y) => {
        const [mx, my] = [instance(x, x), instance(y, y)];
        expect(mx.getPk() === my.getPk()).toBe(same(x, y));
        expect(mx.getSk() === my.getSk()).toBe(same(x, y));
        expect(mx.getGsi1pk() === my.getGsi1pk()).toBe(same(x, y));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps values apart when a separator moves from one value to the next", () => {
    fc.assert(
      fc.property(keyValue, keyValue, keyValue, (p, q, r) => {
        const [x, y] = [instance([`${p}#B#${q}`, r], [`${p}#D#${q}`, r]), instance([p, `${q}#B#${r}`], [p, `${q}#D#${r}`])];
        expect(x.getPk()).not.toBe(y.getPk());
        expect(x.getSk()).not.toBe(y.getSk());
      }),
    );
  });

  it("splitKey gives back the identifiers, the values and the suffix", () => {
    fc.assert(
      fc.property(pair, pair, (pk, sk) => {
        const m = instance(pk, sk);
        expect(splitKey(m.getPk())).toEqual(["A", pk[0], "B", pk[1], "TestModel"]);
        expect(splitKey(m.getSk())).toEqual(["C", sk[0], "D", sk[1]]);
        expect(splitKey(m.getGsi1pk()!)).toEqual(["E", pk[0], "F", pk[1], "TestModel"]);
      }),
    );
  });

  it("splitKey inverts escapeKeyValue for any string", () => {
    fc.assert(
      fc.property(fc.oneof(keyValue, fc.string({ unit: "binary" })), (s) => {
        expect(splitKey(escapeKeyValue(s))).toEqual([s]);
      }),
    );
  });

  it("writes values without # or \\ unchanged, as the Python library does", () => {
    fc.assert(
      fc.property(plainValue, plainValue, plainValue, plainValue, (a, b, c, d) => {
        const m = instance([a, b], [c, d]);
        expect(m.getPk()).toBe(`A#${a}#B#${b}#TestModel`);
        expect(m.getSk()).toBe(`C#${c}#D#${d}`);
      }),
    );
    expect(instance(["aaa", "bbb"], ["ccc", "ddd"]).getPk()).toBe("A#aaa#B#bbb#TestModel");
  });
});
