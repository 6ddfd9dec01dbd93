/**
 * Politeness: one p-queue per host (its own concurrency and a minimum interval between request
 * starts, sliding window), inside one global concurrency cap across hosts.
 */
import PQueue from "p-queue";

export interface HostPolicy {
  /** Parallel requests to this host. */
  concurrency: number;
  /** Minimum interval between two request starts to this host, ms (0: none). */
  minIntervalMs: number;
}

export interface Politeness {
  /** Run `task` when the host's policy and the global cap allow it. */
  run<T>(host: string, policy: HostPolicy, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Number of hosts with a queue. */
  readonly hosts: number;
}

interface HostQueue {
  queue: PQueue;
  intervalMs: number;
}

function hostQueue(policy: HostPolicy): PQueue {
  if (policy.minIntervalMs <= 0) return new PQueue({ concurrency: policy.concurrency });
  return new PQueue({
    concurrency: policy.concurrency,
    interval: policy.minIntervalMs,
    intervalCap: 1,
    strict: true,
  });
}

export function createPoliteness(globalConcurrency: number): Politeness {
  const global = new PQueue({ concurrency: globalConcurrency });
  const queues = new Map<string, HostQueue>();

  const queueFor = (host: string, policy: HostPolicy): PQueue => {
    const existing = queues.get(host);
    if (existing && existing.intervalMs === policy.minIntervalMs) {
      if (existing.queue.concurrency !== policy.concurrency) existing.queue.concurrency = policy.concurrency;
      return existing.queue;
    }
    // The interval changed (another source's setting, or a new Crawl-delay): a fresh queue. The old one
    // drains what it holds; drop it from the map once idle.
    const queue = hostQueue(policy);
    queues.set(host, { queue, intervalMs: policy.minIntervalMs });
    if (existing) void existing.queue.onIdle();
    return queue;
  };

  return {
    run(host, policy, task, signal) {
      const q = queueFor(host, policy);
      return q.add(() => global.add(task, { signal }), { signal }) as Promise<
        Awaited<ReturnType<typeof task>>
      >;
    },
    get hosts() {
      return queues.size;
    },
  };
}
