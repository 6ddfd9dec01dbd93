/** Open the store the environment asks for. Failures become StoreUnavailableError (exit 3). */
import { type Env, redact } from "../config/env.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { type Store, StoreUnavailableError } from "../store/store.js";

export async function openStore(env: Env): Promise<Store> {
  if (env.REPWATCH_STORE === "mongodb") {
    if (!env.MONGODB_URI) throw new StoreUnavailableError("REPWATCH_STORE=mongodb needs MONGODB_URI");
    throw new StoreUnavailableError(
      `the MongoDB adapter is not built yet (${redact(env.MONGODB_URI, env)}): use REPWATCH_STORE=sqlite`,
    );
  }
  try {
    const store = openSqliteStore(env.REPWATCH_DB);
    await store.init();
    return store;
  } catch (err) {
    if (err instanceof StoreUnavailableError) throw err;
    throw new StoreUnavailableError(`cannot open the SQLite store ${env.REPWATCH_DB}: ${String(err)}`, {
      cause: err,
    });
  }
}
