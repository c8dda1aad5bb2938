import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../support/readme.js";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion and resolves with its exit code and output, never rejecting
 * on a non-zero exit: the tests assert on all three.
 */
export function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...withoutNpmScriptEnv(), ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/**
 * `npm test` exports npm_* variables (this project's package.json, its config); an npm run
 * inside a consumer app must see that app only.
 */
function withoutNpmScriptEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
}

/** Builds the package (npm pack runs `prepare`) and packs it into `dir`; resolves with the tarball's path. */
export async function packInto(dir: string): Promise<string> {
  const packed = await run("npm", ["pack", "--json", "--pack-destination", dir], repoRoot);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as [{ filename: string }];
  return join(dir, filename);
}

/** A fresh app in `dir` depending on exactly `dependencies`, installed from the shared npm cache when it can be. */
export async function installApp(dir: string, dependencies: Record<string, string>): Promise<Run> {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer-app", private: true, type: "module", dependencies }, null, 2));
  return run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], dir);
}

const TYPESCRIPT = join(repoRoot, "node_modules/typescript/bin/tsc");

/** Compiler options an app with strict settings would use; never `skipLibCheck`. */
const STRICT = { target: "ES2022", lib: ["ES2023"], types: ["node"], strict: true, skipLibCheck: false };

export const TSCONFIGS = {
  /** What Node runs: emits to out/. */
  nodenext: { ...STRICT, module: "nodenext", moduleResolution: "nodenext", outDir: "out" },
  /** What bundler users (esbuild, Vite, webpack) type-check with. */
  bundler: { ...STRICT, module: "esnext", moduleResolution: "bundler", noEmit: true },
} as const;

/** Runs this project's TypeScript over `files` of the app with `options`; resolves with tsc's output. */
export function typeCheck(dir: string, name: string, options: object, files: readonly string[]): Promise<Run> {
  const project = `tsconfig.${name}.json`;
  writeFileSync(join(dir, project), JSON.stringify({ compilerOptions: options, files }, null, 2));
  return run(process.execPath, [TYPESCRIPT, "-p", project], dir);
}

/**
 * graphql-yoga's own typings do not compile without `skipLibCheck` (lru-cache 10 against
 * TypeScript ≥ 5.6, URLPattern and DisposableStack missing from the ES libs): errors in them
 * are the app's to skip, whatever this package does. Every other error line is returned.
 */
export function errorsOutsideYoga(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => /error TS\d+/.test(line))
    .filter((line) => !/^node_modules\/(graphql-yoga|@whatwg-node\/[^/]+|lru-cache)\//.test(line.replace(/^node_modules\/@whatwg-node\/server\/node_modules\//, "node_modules/")));
}
