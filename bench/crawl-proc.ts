/**
 * Process-tree accounting for the crawl benchmark (Linux /proc): the tree under a pid, each process's
 * memory (PSS from smaps_rollup, RSS when the kernel gives no PSS) and CPU time.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK = 100; // CLK_TCK on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, seconds. */
  cpuSec: number;
}

function stat(pid: number): ProcStat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "latin1");
    const rest = s.slice(s.lastIndexOf(")") + 2).split(" ");
    // rest[0] = state, rest[1] = ppid, utime = field 14 → rest[11], stime → rest[12]
    return { pid, ppid: Number(rest[1]), cpuSec: (Number(rest[11]) + Number(rest[12])) / TICK };
  } catch {
    return undefined;
  }
}

/** Every live process under `root` (root included). */
export function processTree(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const d of readdirSync("/proc")) {
    if (d.charCodeAt(0) < 48 || d.charCodeAt(0) > 57) continue;
    const s = stat(Number(d));
    if (s) all.push(s);
  }
  const children = new Map<number, ProcStat[]>();
  for (const s of all) {
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  const out: ProcStat[] = [];
  const rootStat = all.find((s) => s.pid === root);
  if (!rootStat) return out;
  const queue = [rootStat];
  while (queue.length) {
    const s = queue.shift() as ProcStat;
    out.push(s);
    queue.push(...(children.get(s.pid) ?? []));
  }
  return out;
}

/** Proportional set size of a process in MB (RSS when smaps_rollup is not there). */
export function memoryMb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "latin1"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // fall through to RSS
  }
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface TreeSampler {
  stop(): { peakMb: number; descendantsCpuSec: number };
}

/** Sample the tree under `root` every `everyMs`: peak total memory, and CPU of the descendants. */
export function sampleTree(root: number, everyMs = 100): TreeSampler {
  let peakMb = 0;
  const cpuByPid = new Map<number, number>();
  const tick = (): void => {
    let total = 0;
    for (const p of processTree(root)) {
      total += memoryMb(p.pid);
      if (p.pid !== root) cpuByPid.set(p.pid, Math.max(cpuByPid.get(p.pid) ?? 0, p.cpuSec));
    }
    peakMb = Math.max(peakMb, total);
  };
  tick();
  const t = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(t);
      let descendantsCpuSec = 0;
      for (const v of cpuByPid.values()) descendantsCpuSec += v;
      return { peakMb, descendantsCpuSec };
    },
  };
}
