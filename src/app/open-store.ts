/** Open the store the environment asks for. Failures become StoreUnavailableError (exit 3). */
import type { Env } from "../config/env.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { type Store, StoreUnavailableError } from "../store/store.js";

export async function openStore(env: Env): Promise<Store> {
  if (env.REPWATCH_STORE === "mongodb") {
    if (!env.MONGODB_URI) throw new StoreUnavailableError("REPWATCH_STORE=mongodb needs MONGODB_URI");
    // loaded on demand: the embedded default never pays for the driver
    const { openMongoStore } = await import("../store/mongo/mongo-store.js");
    let store: Store;
    try {
      store = openMongoStore(env.MONGODB_URI);
    } catch (err) {
      // an invalid connection string: the message never contains the URI itself
      throw new StoreUnavailableError(`MONGODB_URI: ${err instanceof Error ? err.message : String(err)}`);
    }
    await store.init(); // StoreUnavailableError naming the hosts, password redacted
    return store;
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
