import type { AnyField } from "../model/types.js";
import { template } from "./jsonata.js";

/** A DynamoDB JSON attribute value whose content is fixed text or a JSONata template. */
export type AttributeTemplate =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: string }
  | { readonly M: string }
  | { readonly L: string };

/**
 * `$attribute(v)`: any JSON value as DynamoDB JSON, written as the SDK's marshall writes it
 * (numbers N, null NULL, arrays L, objects M), for json and list fields whose shape is only
 * known at run time.
 */
const ATTRIBUTE_FUNCTION =
  "$attribute := function($v) { " +
  "$type($v) = 'string' ? {'S': $v} : " +
  "$type($v) = 'number' ? {'N': $string($v)} : " +
  "$type($v) = 'boolean' ? {'BOOL': $v} : " +
  "$type($v) = 'null' ? {'NULL': true} : " +
  "$type($v) = 'array' ? {'L': [$map($v, $attribute)]} : " +
  "{'M': $members($v)} }";

/** `$members(o)`: each member of an object as an attribute value; `{}` for an empty one ($each gives nothing). */
const MEMBERS_FUNCTION = "$members := function($o) { $merge([{}, $each($o, function($x, $k) {{$k: $attribute($x)}})]) }";

const withConversions = (body: string) => `(${MEMBERS_FUNCTION}; ${ATTRIBUTE_FUNCTION}; ${body})`;

/** The attribute value a field holds, typed by its kind, from the JSONata `expression` giving its value. */
export function attributeTemplate(field: AnyField, expression: string): AttributeTemplate {
  switch (field.kind) {
    case "number":
    case "int":
      return { N: template(`$string(${expression})`) };
    case "boolean":
      return { BOOL: template(expression) };
    case "json":
      return { M: template(withConversions(`$members(${expression})`)) };
    case "list":
      return { L: template(withConversions(`[$map(${expression}, $attribute)]`)) };
    case "string":
    case "datetime":
    case "enum":
      return { S: template(expression) };
  }
}
