import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { useReadinessCheck, type Plugin } from "graphql-yoga";
import { table } from "../src/index.js";

/**
 * `GET /ready`: 200 when the table answers DescribeTable and is ACTIVE, else 503. Yoga's own
 * `GET /health` stays the liveness check (200 while the process serves), which a load balancer
 * should use: a DynamoDB outage would take every instance out at once, and restarting them
 * would not help. `/ready` is for humans and deploy scripts.
 */
export function useTableReadiness(endpoint = "/ready"): Plugin {
  return useReadinessCheck({
    endpoint,
    async check({ fetchAPI }) {
      let tableStatus: string;
      try {
        const out = await table.client.send(new DescribeTableCommand({ TableName: table.name }));
        tableStatus = out.Table?.TableStatus ?? "UNKNOWN";
      } catch (error) {
        // The reason goes to the log; the response names no AWS detail.
        console.error("readiness check failed:", error);
        tableStatus = "UNREACHABLE";
      }
      const ready = tableStatus === "ACTIVE";
      return fetchAPI.Response.json({ ready, table: table.name, tableStatus }, { status: ready ? 200 : 503 });
    },
  });
}
