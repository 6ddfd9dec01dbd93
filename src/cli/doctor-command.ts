/** `repwatch doctor [--source ID] [--json]`: one line per check (ops/doctor.ts); exit 1 when any fails. */
import { type Check, runDoctor } from "../ops/doctor.js";
import { EXIT } from "./exit-codes.js";

const MARK: Record<Check["status"], string> = { ok: "ok  ", warn: "warn", fail: "FAIL", skip: "skip" };

export async function doctorCommand(
  o: { configDir: string; source?: string; json?: boolean },
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const checks = await runDoctor(o, (c) => {
    if (!o.json) out.write(`${MARK[c.status]}  ${c.name.padEnd(13)} ${c.detail}\n`);
  });
  const failed = checks.filter((c) => c.status === "fail").length;
  if (o.json) out.write(`${JSON.stringify({ ok: failed === 0, checks })}\n`);
  else out.write(failed ? `${failed} check(s) failed\n` : "all checks passed\n");
  return failed ? EXIT.someFailed : EXIT.ok;
}
