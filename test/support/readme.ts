import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The first fenced block after `<!-- marker...-->` in README.md. */
export function blockAfter(marker: string): string {
  const at = readme.indexOf(`<!-- ${marker}`);
  if (at < 0) throw new Error(`README.md has no <!-- ${marker} --> marker`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`README.md has no fenced block after <!-- ${marker} -->`);
  return match[1]!;
}

/** What the `console.log(...); // → text` lines of a README example say they print. */
export function expectedOutput(code: string): string[] {
  return [...code.matchAll(/^console\.log\(.*\); \/\/ → (.*)$/gm)].map((m) => m[1]!);
}
