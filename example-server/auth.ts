import { GraphQLError } from "graphql";
import { jwtVerify, SignJWT } from "jose";
import type { RulesOf } from "../src/graphql/index.js";
import type { models } from "./models.js";

/**
 * Who calls the example: an admin, a shopper (one customer, from the token's `sub`), or an
 * anonymous caller with no token, who sees the catalogue (products) and nothing else.
 */
export type Caller = { role: "admin" } | { role: "shopper"; customerId: string } | { role: "anonymous" };

/** The GraphQL context of the example: the caller the request's token names. */
export interface ExampleContext {
  caller: Caller;
}

/**
 * The key tokens are signed with (HS256): `JWT_SECRET`, or a fixed development secret so
 * that `npm start` works with no setup. Set `JWT_SECRET` anywhere the server is reachable.
 */
function secret(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  return new TextEncoder().encode(env.JWT_SECRET || "storm-example-development-secret-not-for-production");
}

const ISSUER = "storm-example";

/** A token for `subject`: `admin`, or a customer id for a shopper. Valid for 12 hours. */
export function signToken(subject: string): Promise<string> {
  return new SignJWT({ role: subject === "admin" ? "admin" : "shopper" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime("12h")
    .sign(secret());
}

/**
 * The caller of a request, from `authorization: Bearer <JWT>` verified with `jose`
 * (signature, algorithm, issuer, expiry). No header is an anonymous caller; a bad token is
 * refused rather than downgraded, so a client notices that its token expired.
 */
export async function callerOf(request: Request): Promise<Caller> {
  const header = request.headers.get("authorization");
  if (!header) return { role: "anonymous" };
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  try {
    if (!token) throw new Error("not a Bearer token");
    const { payload } = await jwtVerify(token, secret(), { issuer: ISSUER, algorithms: ["HS256"] });
    if (payload.role === "admin") return { role: "admin" };
    if (payload.role === "shopper" && payload.sub) return { role: "shopper", customerId: payload.sub };
    throw new Error("unknown role");
  } catch {
    throw new GraphQLError("Invalid or expired token", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  }
}

/** A shopper's own partition, every partition for an admin, none for an anonymous caller. */
const ownPartition = ({ caller }: ExampleContext) => (caller.role === "admin" ? null : caller.role === "shopper" ? { customer_id: caller.customerId } : false);
const isAdmin = ({ caller }: ExampleContext) => caller.role === "admin";

/**
 * The example's row-level rules: shoppers read and write only their own customer record and
 * orders, and only admins create or delete customers and delete orders; everyone reads
 * products, only admins change them.
 */
export const exampleRules: RulesOf<typeof models, ExampleContext> = {
  Customer: { scope: ownPartition, create: isAdmin, delete: isAdmin },
  Order: { scope: ownPartition, delete: isAdmin },
  Product: { create: isAdmin, update: isAdmin, delete: isAdmin },
};
