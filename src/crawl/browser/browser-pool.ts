/**
 * One Chromium, a bounded pool of pages in one context, and the watchdogs around them:
 * - a crashed page is thrown away (the next lease gets a fresh one);
 * - a crashed or disconnected browser is relaunched on the next lease;
 * - the browser is recycled (closed and relaunched) every `recycleAfter` pages, once idle;
 * - `close()` closes everything; on SIGTERM/SIGINT/SIGHUP the browser is closed first, then the signal
 *   takes its default course (unless the application handles it); Playwright kills the browser's
 *   process group when Node exits.
 */
import { type Browser, type BrowserContext, chromium, type Page as PwPage } from "playwright-core";
import { StopRunError } from "../errors.js";
import type { CrawlLogger } from "../log.js";
import { CHROMIUM_ARGS } from "./chromium-path.js";

export interface BrowserPoolOptions {
  executablePath: string;
  userAgent: string;
  /** Pages open at once. @default 4 */
  maxPages: number;
  /** Pages served before the browser is recycled. @default 200 */
  recycleAfter: number;
  /** Uses of one page before it is closed and replaced (its renderer's memory grows with use). */
  pageUses: number;
  /** Extra Chromium flags. */
  extraArgs?: string[] | undefined;
  /** Extra environment for Chromium (a tag to find its processes). */
  env?: Record<string, string> | undefined;
  /** Called for each new context (route interception is installed here). */
  setupContext(context: BrowserContext): Promise<void>;
  log: CrawlLogger;
}

export interface Lease {
  page: PwPage;
  /** Give the page back; `discard` closes it (crashed, timed out, or in an unknown state). */
  release(discard?: boolean): void;
}

interface Slot {
  page: PwPage;
  crashed: boolean;
  uses: number;
}

export interface BrowserPool {
  acquire(): Promise<Lease>;
  /** Launches so far (1 + relaunches after crashes and recycles). */
  readonly launches: number;
  readonly browser: Browser | undefined;
  close(): Promise<void>;
}

export function createBrowserPool(o: BrowserPoolOptions): BrowserPool {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let launching: Promise<BrowserContext> | undefined;
  let launches = 0;
  let served = 0;
  let active = 0;
  let closed = false;
  const idle: Slot[] = [];
  const waiters: Array<() => void> = [];
  const slots = new WeakMap<PwPage, Slot>();
  /** Wake every waiting acquirer; each re-checks whether it may go. */
  const wakeAll = (): void => {
    for (const w of waiters.splice(0)) w();
  };

  const reset = (): void => {
    browser = undefined;
    context = undefined;
    idle.length = 0;
  };

  // Signals: close the browser, then let the signal do what it would have done without us (terminate,
  // unless the application listens for it itself). Playwright's own handlers close the browser but
  // swallow SIGTERM, leaving the process running.
  const signals = ["SIGTERM", "SIGINT", "SIGHUP"] as const;
  const onSignal = (sig: NodeJS.Signals): void => {
    const b = browser;
    reset();
    closed = true;
    const done = (): void => {
      for (const s of signals) process.off(s, onSignal);
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    const timer = setTimeout(done, 3000);
    void (b?.close() ?? Promise.resolve())
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        done();
      });
  };
  let signalsInstalled = false;
  const installSignals = (): void => {
    if (signalsInstalled) return;
    signalsInstalled = true;
    for (const s of signals) process.on(s, onSignal);
  };
  const removeSignals = (): void => {
    signalsInstalled = false;
    for (const s of signals) process.off(s, onSignal);
  };

  const launch = async (): Promise<BrowserContext> => {
    installSignals();
    const b = await chromium.launch({
      executablePath: o.executablePath,
      args: [...CHROMIUM_ARGS, ...(o.extraArgs ?? [])],
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      ...(o.env ? { env: { ...process.env, ...o.env } } : {}),
    });
    launches++;
    served = 0;
    b.on("disconnected", () => {
      if (browser === b) {
        o.log.warn({ launches }, "browser disconnected: relaunching on the next page");
        reset();
      }
    });
    const ctx = await b.newContext({
      userAgent: o.userAgent,
      serviceWorkers: "block",
      // A small viewport: less to paint; pages are read from the DOM, never looked at.
      viewport: { width: 1024, height: 640 },
      acceptDownloads: false,
    });
    await o.setupContext(ctx);
    browser = b;
    context = ctx;
    return ctx;
  };

  const contextFor = async (): Promise<BrowserContext> => {
    if (closed) throw new StopRunError("browser pool is closed");
    if (context && browser?.isConnected()) return context;
    reset();
    launching ??= launch().finally(() => {
      launching = undefined;
    });
    return launching;
  };

  let recycling: Promise<void> | undefined;
  const recycle = (): Promise<void> => {
    recycling ??= (async () => {
      const old = browser;
      o.log.info({ served }, "recycling the browser");
      reset();
      await old?.close().catch(() => {});
    })().finally(() => {
      recycling = undefined;
    });
    return recycling;
  };
  const recycleDue = (): boolean => browser !== undefined && served >= o.recycleAfter;

  const newSlot = async (): Promise<Slot> => {
    const ctx = await contextFor();
    const page = await ctx.newPage();
    const slot: Slot = { page, crashed: false, uses: 0 };
    page.on("crash", () => {
      slot.crashed = true;
      o.log.warn({ url: page.url() }, "page crashed: it will be replaced");
    });
    slots.set(page, slot);
    return slot;
  };

  return {
    get launches() {
      return launches;
    },
    get browser() {
      return browser;
    },
    async acquire() {
      // Wait for a free page; when a recycle is due, stop handing pages out until the browser is idle.
      for (;;) {
        if (recycleDue() && active === 0) {
          await recycle();
          wakeAll();
        } else if (!recycleDue() && !recycling && active < o.maxPages) break;
        else await new Promise<void>((r) => waiters.push(r));
      }
      active++;
      try {
        let slot = idle.pop();
        while (slot && (slot.crashed || slot.page.isClosed() || !browser?.isConnected())) slot = idle.pop();
        slot ??= await newSlot();
        served++;
        slot.uses++;
        const { page } = slot;
        let released = false;
        return {
          page,
          release(discard = false) {
            if (released) return;
            released = true;
            active--;
            const s = slots.get(page);
            const bad = discard || !s || s.crashed || page.isClosed() || s.uses >= o.pageUses;
            if (bad) void page.close().catch(() => {});
            else if (browser?.isConnected() && page.context() === context) idle.push(s);
            wakeAll();
          },
        };
      } catch (err) {
        active--;
        wakeAll();
        throw err;
      }
    },
    async close() {
      closed = true;
      removeSignals();
      const b = browser;
      reset();
      await launching?.catch(() => {});
      await b?.close().catch(() => {});
      const late = browser as Browser | undefined;
      await late?.close().catch(() => {});
    },
  };
}
