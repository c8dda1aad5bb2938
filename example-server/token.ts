// `npm run token -- <customer_id | admin>`: a development JWT for the example server's
// `authorization: Bearer <token>` header, signed with JWT_SECRET (or the development secret).
import { signToken } from "./auth.js";

const subject = process.argv[2];
if (!subject) {
  console.error("usage: npm run token -- <customer_id | admin>   e.g. npm run token -- ada");
  process.exit(1);
}
console.log(await signToken(subject));
