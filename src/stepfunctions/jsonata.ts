/**
 * JSONata text for templates. Literals are single-quoted so that they read well inside a
 * state machine's JSON; inside them JSONata takes JSON's escapes (and no `\'`).
 */
const LITERAL_SPECIAL = /[\\']|[\u0000-\u001f]/g;

/** A JSONata string literal holding exactly `text`. */
export function literal(text: string): string {
  const escaped = text.replace(LITERAL_SPECIAL, (c) => (c === "\\" ? "\\\\" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
  return `'${escaped}'`;
}

/** A value Step Functions evaluates in JSONata mode: a whole string `{% expression %}`. */
export function template(expression: string): string {
  return `{% ${expression} %}`;
}

/** One piece of a string built in a template: fixed text, or an expression giving text. */
export type Segment = { readonly text: string } | { readonly expression: string };

/**
 * The pieces joined with `&`, adjacent fixed texts merged; a plain string when no piece is
 * an expression (Step Functions passes it on as it is).
 */
export function concatenation(segments: readonly Segment[]): string {
  const merged: Segment[] = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    if ("text" in s && last && "text" in last) merged[merged.length - 1] = { text: last.text + s.text };
    else merged.push(s);
  }
  if (merged.every((s) => "text" in s)) return merged.map((s) => ("text" in s ? s.text : "")).join("");
  return template(merged.map((s) => ("text" in s ? literal(s.text) : s.expression)).join(" & "));
}
