import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startChangeFeed } from "../../example-server/changes.js";
import { graphql, startExample, type RunningExample } from "./example-env.js";

const CHROMIUM = "/usr/bin/chromium";
/** Typed key by key: what a person would type into the editor. */
const QUERY = 'query GraceHopper { customer(customer_id: "grace") { name email tier } }';

let example: RunningExample;
let browser: Browser;

beforeAll(async () => {
  // Never skip: a missing browser must fail the run, with the fix in the message.
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (\`apt-get install -y chromium\`; .ci/run does this)`);
  }
  example = await startExample();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await example?.close();
});

/**
 * A fresh browser context (no stored tabs) on the example's GraphiQL, with everything off this
 * machine refused and recorded: a page that needs a CDN fails here.
 */
async function openGraphiQL() {
  const context = await browser.newContext();
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  await page.goto(`${example.origin}/graphql`);
  const editor = page.locator(".graphiql-query-editor");
  await editor.waitFor({ state: "visible", timeout: 30_000 }).catch((error: unknown) => {
    throw new Error(`GraphiQL did not render. Requests refused for leaving 127.0.0.1: ${blocked.join(", ") || "none"}`, { cause: error });
  });
  // The result pane is an editor too: it renders spaces as no-break spaces.
  const result = async () => (await page.locator(".graphiql-response").innerText()).replace(/\u00a0/g, " ");
  const run = () => page.getByRole("button", { name: /execute query/i }).click();
  return { context, page, editor, blocked, pageErrors, result, run };
}

it("GraphiQL opens on a query that runs as it is: Run shows the seeded data, not an error", async () => {
  const { context, result, run, blocked, pageErrors } = await openGraphiQL();
  await run();
  await expect.poll(result, { timeout: 20_000 }).toContain("Ada Lovelace");
  const shown = await result();
  expect(shown).toContain("PLATINUM");
  expect(shown).toContain("order_id");
  expect(shown).not.toContain("errors");
  expect(blocked).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

it("GraphiQL loads with no network but 127.0.0.1, runs a typed query and shows the seeded data", async () => {
  const { context, page, editor, result, run, blocked, pageErrors } = await openGraphiQL();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(QUERY);
  // GraphiQL reads the operation name from the editor after a short debounce; running before
  // that sends the default query's name with the new text. The tab shows the name once read.
  await page.locator(".graphiql-tab-active", { hasText: "GraceHopper" }).waitFor({ timeout: 10_000 });
  await run();
  await expect.poll(result, { timeout: 20_000 }).toContain("Grace Hopper");
  const shown = await result();
  expect(shown).toContain("grace@example.com");
  expect(shown).toContain("GOLD");

  expect(blocked).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

it("GraphiQL subscribes over SSE (orderChanged) and shows the event a write made elsewhere causes", async () => {
  const reader = await startChangeFeed();
  const { context, page, editor, result, run, blocked, pageErrors } = await openGraphiQL();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type('subscription WatchOrder { orderChanged(customer_id: "ada", order_id: "ord-0049") { kind node { status } } }');
  await page.locator(".graphiql-tab-active", { hasText: "WatchOrder" }).waitFor({ timeout: 10_000 });
  await run();
  // Written outside GraphiQL, until the open subscription shows it: no fixed wait for it to connect.
  const statuses = ["SHIPPED", "DELIVERED"] as const;
  let shown = "";
  for (let i = 0; i < 30 && !shown.includes("UPDATED"); i++) {
    await graphql(example.yoga, `mutation ($s: OrderStatus!) { updateOrder(key: { customer_id: "ada", order_id: "ord-0049" }, input: { status: $s }) { status } }`, { s: statuses[i % 2] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    shown = await result();
  }
  expect(shown).toContain('"kind": "UPDATED"');
  expect(shown).toMatch(/"status": "(SHIPPED|DELIVERED)"/);
  expect(blocked).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
  await reader.stop();
}, 90_000);
