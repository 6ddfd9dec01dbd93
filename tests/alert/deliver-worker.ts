/**
 * Child process for the kill -9 test: delivers pending alerts against the fake Slack with the real
 * store, notifiers and delivery, and stops dead between Slack's answer and the outbox commit: it
 * prints `acked <key>` and then waits forever inside `markAlertSent`, so the test can SIGKILL it at
 * exactly that point (the store write never happens, as when a process dies there).
 *
 * Env: WORKER_DB (SQLite file), WORKER_ALERTS (alerts.yaml as JSON), SLACK_BOT_TOKEN,
 * REPWATCH_SLACK_API_URL.
 */
import pino from "pino";
import { deliverPending } from "../../src/alert/deliver.js";
import { createNotifiers } from "../../src/alert/notifiers/index.js";
import { AlertsFile } from "../../src/config/alerts.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { BRANDS } from "./harness.js";

const store = openSqliteStore(process.env.WORKER_DB as string);
await store.init();
const alerts = AlertsFile.parse(JSON.parse(process.env.WORKER_ALERTS as string));
const dying: Store = {
  ...store,
  async markAlertSent(key) {
    process.stdout.write(`acked ${key}\n`);
    await new Promise(() => {});
  },
};
const log = pino({ level: "silent" });
await deliverPending({
  store: dying,
  notifiers: createNotifiers(alerts.notifiers, { env: process.env, log }),
  brands: BRANDS,
  alerts,
  log,
  claimer: "doomed-worker",
});
