import type { ModelMeta } from "../model/meta.js";

/** `order_line` / `orderLine` / `OrderLine` → `OrderLine`. */
export function pascalCase(name: string): string {
  return name
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** Simple English plural: category → categories, box → boxes, order → orders. */
export function pluralize(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/**
 * `word` with its indefinite article, for generated descriptions: "an Order", "a Customer".
 * By the first letter, with the common words whose vowel letter sounds like "you" or "w"
 * ("a User", "a Unit", "a OneTimeCode").
 */
export function withArticle(word: string): string {
  const vowelSound = /^[aeiou]/i.test(word) && !/^(u[bcdfghjklmnpqrstvwxyz][aeiouy]|uni|eu|one)/i.test(word);
  return `${vowelSound ? "an" : "a"} ${word}`;
}

/** The GraphQL names derived from one model. */
export interface ModelNames {
  type: string;
  single: string;
  plural: string;
  byIndex: string;
  create: string;
  update: string;
  delete: string;
}

export function modelNames(meta: ModelMeta): ModelNames {
  const type = pascalCase(meta.name);
  const plural = meta.options.plural ?? pluralize(camelCase(meta.name));
  return {
    type,
    single: camelCase(meta.name),
    plural,
    byIndex: `${plural}By${meta.gsi.map((p) => pascalCase(p.name)).join("")}`,
    create: `create${type}`,
    update: `update${type}`,
    delete: `delete${type}`,
  };
}
