import { randomBytes } from "node:crypto";
import type { Database } from "../db/database.ts";

const cache = new WeakMap<Database, Map<string, Promise<Buffer>>>();

/**
 * A 256-bit key kept in the database under a name (`auth_secrets`), made on first use: every node
 * of a deployment then signs and checks alike, and a restored backup keeps verifying what it
 * signed. Used for device cookies and the one-tap reply links of check-ins.
 */
export function namedSecret(database: Database, name: string): Promise<Buffer> {
  let byName = cache.get(database);
  if (!byName) {
    byName = new Map();
    cache.set(database, byName);
  }
  let secret = byName.get(name);
  if (!secret) {
    secret = (async () => {
      await database.query("insert into auth_secrets (name, secret) values ($1, $2) on conflict (name) do nothing", [name, randomBytes(32).toString("base64url")]);
      const [row] = await database.query<{ secret: string }>("select secret from auth_secrets where name = $1", [name]);
      return Buffer.from(row.secret, "base64url");
    })();
    // A failed read is not kept: the next use tries again.
    secret.catch(() => byName?.delete(name));
    byName.set(name, secret);
  }
  return secret;
}
