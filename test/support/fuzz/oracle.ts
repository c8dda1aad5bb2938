import { parse, type OperationDefinitionNode } from "graphql";

/** A broken promise seen in one response; `kind` groups failures that share a cause. */
export interface Violation {
  kind: string;
  detail: string;
}

/** What no response may contain: the seeded hidden and guarded values, and the table's name. */
export interface Secrets {
  markers: readonly string[];
  tableName: string;
}

export interface ResponseSeen {
  status: number;
  text: string;
}

interface ErrorSeen {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown; [k: string]: unknown };
}

/**
 * Names of the storage layer, matched in error messages and extensions. Case-sensitive and
 * whole-word: the schema's own `sk` argument and `Member.secret`-style names stay legal, and
 * only the table's attribute names (`PK`, `SK`, `GSI1PK`…, `_type`), AWS exception names,
 * SDK packages, source paths and stack frames count ("DynamoDB" alone may name the limit a
 * value is over).
 */
const INTERNAL_NAMES: readonly [string, RegExp][] = [
  ["key attribute", /\b(?:PK|SK|GSI\d+(?:PK|SK))\b/],
  ["item type attribute", /\b_type\b/],
  ["TableName", /\bTableName\b/],
  // Bounded: an unbounded letter run before "Exception" is quadratic on the long values errors may quote.
  ["AWS exception", /[A-Za-z]{0,60}Exception\b/],
  ["AWS package", /com\.amazonaws|@aws-sdk/],
  ["source path", /(?:\/[\w.-]+)+\.(?:[cm]?[jt]s)\b|node_modules|file:\/\//],
  ["stack frame", /\bat (?:[\w$.<>]+ )?\(?(?:\/|file:|node:)[^\s()]*:\d+:\d+\)?/],
];
const STORAGE_KEYS = new Set(["PK", "SK", "GSI1PK", "GSI1SK", "_type"]);

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** Whether data holds an object key named like a storage attribute (a raw item leaked). */
function storageKeyIn(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(storageKeyIn).find(Boolean);
  if (value === null || typeof value !== "object") return undefined;
  return Object.keys(value).find((k) => STORAGE_KEYS.has(k)) ?? Object.values(value).map(storageKeyIn).find(Boolean);
}

/** The field name behind a root response key (aliases resolved), to group failures by field. */
function rootFieldName(query: unknown, responseKey: unknown): string {
  if (typeof query !== "string" || typeof responseKey !== "string") return String(responseKey ?? "(no path)");
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
    const field = operation?.selectionSet.selections.find((s) => s.kind === "Field" && (s.alias ?? s.name).value === responseKey);
    return field?.kind === "Field" ? field.name.value : responseKey;
  } catch {
    return responseKey;
  }
}

/** A message with its quoted values and numbers blanked, so that one cause makes one kind. */
function shape(message: unknown): string {
  return String(message)
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d+/g, "N")
    .slice(0, 120);
}

function errorViolations(query: unknown, requestText: string, body: { data?: unknown; errors?: ErrorSeen[] }): Violation[] {
  const found: Violation[] = [];
  const executed = "data" in body;
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    const where = Array.isArray(error.path) ? ` at ${rootFieldName(query, error.path[0])}` : "";
    if (executed && typeof code !== "string") found.push({ kind: `error without extensions.code${where}: ${shape(error.message)}`, detail: String(error.message) });
    if (code === "INTERNAL_SERVER_ERROR" || error.message === "Unexpected error.") {
      found.push({ kind: `INTERNAL_SERVER_ERROR${where}`, detail: String(error.message) });
    }
    for (const text of strings([error.message, error.extensions])) {
      for (const [name, pattern] of INTERNAL_NAMES) {
        const match = pattern.exec(text)?.[0];
        // A validation error may quote what the client sent; only names the client did not send count.
        if (match && !requestText.includes(match)) found.push({ kind: `error names ${name}`, detail: `${match} in: ${text.slice(0, 300)}` });
      }
    }
  }
  return found;
}

/** Every promise a response must keep, whatever the request (see test/graphql/fuzz.test.ts). */
export function inspectResponse(query: unknown, requestText: string, response: ResponseSeen, secrets: Secrets): Violation[] {
  const found: Violation[] = [];
  if (response.status >= 500) found.push({ kind: `status ${response.status}`, detail: response.text.slice(0, 300) });
  for (const marker of secrets.markers) {
    if (response.text.includes(marker)) found.push({ kind: "hidden or guarded value in the response", detail: marker });
  }
  if (response.text.includes(secrets.tableName)) found.push({ kind: "table name in the response", detail: secrets.tableName });
  let body: { data?: unknown; errors?: ErrorSeen[] };
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    return [...found, { kind: "response is not JSON", detail: response.text.slice(0, 300) }];
  }
  const leakedKey = storageKeyIn(body.data);
  if (leakedKey) found.push({ kind: "storage attribute in data", detail: leakedKey });
  return [...found, ...errorViolations(query, requestText, body)];
}
