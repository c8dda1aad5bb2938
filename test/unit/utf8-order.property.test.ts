import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareUtf8 } from "../../src/keys/utf8-order.js";

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/**
 * Code units where UTF-16 and UTF-8 orders part: around the surrogates (0xD800–0xDFFF),
 * the characters above them (0xE000–0xFFFF), the UTF-8 length steps, and the key separators.
 */
const edgeUnit = fc.constantFrom(0x23, 0x24, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff);
const edgeText = fc.array(edgeUnit, { maxLength: 6 }).map((units) => String.fromCharCode(...units));
/** Valid text: characters of every UTF-8 length, surrogate pairs included. */
const text = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), edgeText);
/** Any code units, lone surrogates included (Buffer.from encodes them as U+FFFD). */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) });

/** The sign of compareUtf8 is Buffer.compare's of the UTF-8 bytes. */
const agrees = (a: string, b: string) => {
  expect(Math.sign(compareUtf8(a, b))).toBe(byBytes(a, b));
};
const runs = { numRuns: 5000 };

describe("compareUtf8", () => {
  it("orders strings as Buffer.compare orders their UTF-8 bytes", () => {
    fc.assert(fc.property(text, text, agrees), runs);
  });

  it("orders strings sharing a prefix by what follows it", () => {
    fc.assert(fc.property(text, edgeText, edgeText, (prefix, a, b) => agrees(prefix + a, prefix + b)), runs);
  });

  it("agrees with Buffer.compare on lone surrogates too", () => {
    fc.assert(fc.property(anyUnits, anyUnits, agrees), runs);
  });

  it("puts characters above U+FFFF after U+E000–U+FFFF, unlike UTF-16 order", () => {
    expect(compareUtf8("\u{10000}", "\uffff")).toBeGreaterThan(0);
    expect(compareUtf8("a\u{1f600}", "a\ue000")).toBeGreaterThan(0);
    expect(compareUtf8("\ud7ff", "\u{10000}")).toBeLessThan(0);
    expect(compareUtf8("O#\u{1f600}", "O$")).toBeLessThan(0);
  });
});
