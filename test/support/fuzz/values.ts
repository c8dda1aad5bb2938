import fc from "fast-check";
import { tamper } from "../tokens.js";

/**
 * A number sent exactly as written, in the document and in the JSON body: the values a
 * JavaScript number cannot hold (`1e400` parses to Infinity, `9007199254740993` rounds,
 * `-0` prints as `0`) reach the server only this way.
 */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** The random choices a generator makes; every choice shrinks toward its first option. */
export class Chooser {
  constructor(private readonly g: fc.GeneratorValue) {}

  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }

  /** True `percent` times in a hundred; shrinks to false. */
  chance(percent: number): boolean {
    return this.int(0, 99) >= 100 - percent;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  text(): string {
    return this.g(fc.string, { maxLength: 12 });
  }
}

const KB3 = "k".repeat(3000);

/** Numbers DynamoDB or GraphQL cannot take, or that sit on an edge. */
export const NASTY_NUMBERS: readonly RawNumber[] = [
  "1e200", "-1e200", "1e400", "-0", "9007199254740993", "1e-131", "1e-400", "123456789012345678901234567890123456789012",
  "9.99e125", "1e126", "5e-324", "0.1", "2147483648", "-2147483649", "1.5",
].map((text) => new RawNumber(text));

/** Strings over DynamoDB's key sizes (2,048 and 1,024 bytes UTF-8), look-alike numbers, separators. */
export const NASTY_STRINGS: readonly string[] = [
  "", " ", "NaN", "Infinity", "-Infinity", "-0", "1e200", "null", "__proto__", "constructor", KB3,
  "é".repeat(1100), "😀".repeat(600), "x".repeat(1025), "y".repeat(2049), "#", "a#b", "C#c1#CUSTOMER", "O#",
  "\u0000", "\ud800", "../../etc/passwd", "' OR 1=1 --", "%s%n", "\u202e\u0301",
];

const JSON_KEYS = ["a", "b", "__proto__", "constructor", "prototype", "", KB3, "a.b", "#", "$x", "é"];

/** An object whose `__proto__`/`constructor` are own keys, as a JSON body delivers them. */
function prototypeKeys(): unknown {
  return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"ok":1}');
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** JSON values DynamoDB refuses or that probe the marshaller: deep, wide, odd keys, nasty numbers. */
export function hostileJson(ch: Chooser, depth = 0): unknown {
  switch (ch.int(0, 9)) {
    case 0:
      return { name: "plain", n: 1, tags: ["a"] };
    case 1:
      return nested(ch.pick([33, 40, 3]), ch.pick(NASTY_NUMBERS), ch.chance(50));
    case 2:
      return prototypeKeys();
    case 3:
      return { [ch.pick(JSON_KEYS)]: depth < 3 ? hostileJson(ch, depth + 1) : 1 };
    case 4:
      return [ch.pick(NASTY_NUMBERS), ch.pick(NASTY_STRINGS), null, true];
    case 5:
      return Object.fromEntries(Array.from({ length: ch.pick([3, 500]) }, (_, i) => [`k${i}`, i]));
    case 6:
      // Over 400 KB once stored: the item is too large.
      return ch.chance(20) ? { big: "z".repeat(410_000) } : { big: "z".repeat(1000) };
    case 7:
      return ch.pick(NASTY_STRINGS);
    case 8:
      return ch.pick(NASTY_NUMBERS);
    default:
      return { m: { [ch.pick(JSON_KEYS)]: ch.pick(NASTY_NUMBERS) }, l: [[ch.pick(NASTY_NUMBERS)]] };
  }
}

/** Any value at all, whatever the type asked for. */
export function hostileValue(ch: Chooser): unknown {
  switch (ch.int(0, 6)) {
    case 0:
      return ch.pick(NASTY_STRINGS);
    case 1:
      return ch.pick(NASTY_NUMBERS);
    case 2:
      return hostileJson(ch);
    case 3:
      return null;
    case 4:
      return ch.pick([true, [], {}, [1, "a"]]);
    case 5:
      return ch.text();
    default:
      return ch.int(-5, 5);
  }
}

/** Forgeries of real ids and cursors: tampered, cut, padded, swapped, or plain text naming keys. */
export function forgeries(real: readonly string[]): string[] {
  const plain = Buffer.from('{"PK":"C#c1#CUSTOMER","SK":"O#o1"}').toString("base64url");
  return [
    ...real.map((token) => tamper(token)),
    ...real.map((token) => tamper(token, -1)),
    ...real.map((token) => token.slice(0, -4)),
    ...real.map((token) => `${token}AAAA`),
    plain,
    Buffer.from("Customer:c1").toString("base64"),
    "",
    "null",
    "x".repeat(3000),
    "%%%",
  ];
}

/** Serialises a request body; a RawNumber is written as its text (a body JSON.stringify cannot make). */
export function toJson(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
