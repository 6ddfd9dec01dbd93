/**
 * The steps a browser source takes before a page is read: wait for a selector, scroll until no new
 * items (infinite scroll), click "show more" until N items or none left, read an embedded state object.
 * In-page code is passed as strings: transpilers (tsx/esbuild `keepNames`) would otherwise inject
 * helpers that do not exist inside the page.
 */
import type { Page as PwPage } from "playwright-core";
import type { BrowserSteps } from "../../config/source.js";

/** Milliseconds left before `deadline` (never below 1: Playwright treats 0 as "no timeout"). */
export function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}

const count = (page: PwPage, selector: string): Promise<number> =>
  page.evaluate(`document.querySelectorAll(${JSON.stringify(selector)}).length`) as Promise<number>;

/** Wait until more than `n` elements match; false when `ms` pass first. */
async function grew(page: PwPage, selector: string, n: number, ms: number): Promise<boolean> {
  try {
    await page.waitForFunction(
      `document.querySelectorAll(${JSON.stringify(selector)}).length > ${n}`,
      undefined,
      {
        timeout: ms,
        polling: 50,
      },
    );
    return true;
  } catch (err) {
    if ((err as Error).name === "TimeoutError") return false;
    throw err;
  }
}

/**
 * Bring the last `item` into view (this scrolls whichever container holds the list, like a map's side
 * panel), then the window to the bottom.
 */
const scrollToEnd = (selector: string): string => `(() => {
  const items = document.querySelectorAll(${JSON.stringify(selector)});
  const last = items[items.length - 1];
  if (last) last.scrollIntoView({ block: "end" });
  window.scrollTo(0, document.documentElement.scrollHeight);
})()`;

export async function scrollUntilNoNewItems(
  page: PwPage,
  step: NonNullable<BrowserSteps["scroll"]>,
  deadline: number,
): Promise<number> {
  let n = await count(page, step.item);
  for (let i = 0; i < step.maxScrolls; i++) {
    await page.evaluate(scrollToEnd(step.item));
    if (!(await grew(page, step.item, n, Math.min(step.settleMs, remaining(deadline))))) break;
    n = await count(page, step.item);
  }
  return n;
}

export async function clickMoreUntil(
  page: PwPage,
  step: NonNullable<BrowserSteps["clickMore"]>,
  deadline: number,
): Promise<number> {
  let n = await count(page, step.item);
  for (let i = 0; i < step.maxClicks; i++) {
    if (step.untilItems !== undefined && n >= step.untilItems) break;
    const button = page.locator(step.selector).first();
    if ((await button.count()) === 0 || !(await button.isVisible())) break;
    await button.click({ timeout: remaining(deadline) });
    if (!(await grew(page, step.item, n, Math.min(step.settleMs, remaining(deadline))))) break;
    n = await count(page, step.item);
  }
  return n;
}

/** In-page reader of a global (`a.b.c`) or a JSON script element (`#id`), returning JSON text. */
function stateReader(expr: string): string {
  return `(() => {
    const expr = ${JSON.stringify(expr)};
    let v;
    if (expr.startsWith("#")) {
      const el = document.getElementById(expr.slice(1));
      if (!el) return undefined;
      try { v = JSON.parse(el.textContent || "null"); } catch { return undefined; }
    } else {
      v = globalThis;
      for (const k of expr.split(".")) { if (v == null) return undefined; v = v[k]; }
      // <script id="__NEXT_DATA__"> is also window.__NEXT_DATA__ (named access): read its JSON.
      if (typeof Element !== "undefined" && v instanceof Element) {
        try { v = JSON.parse(v.textContent || "null"); } catch { return undefined; }
      }
    }
    if (v === undefined) return undefined;
    try { return JSON.stringify(v); } catch { return undefined; }
  })()`;
}

/** The embedded state as JSON text, or undefined when the page has none. */
export async function readState(page: PwPage, expr: string): Promise<string | undefined> {
  return (await page.evaluate(stateReader(expr))) as string | undefined;
}

/** Click each selector once, in order; one that does not show up within `waitMs` is skipped. */
export async function clickInOrder(
  page: PwPage,
  selectors: string[],
  waitMs: number,
  deadline: number,
): Promise<number> {
  let clicked = 0;
  for (const selector of selectors) {
    const target = page.locator(selector).first();
    try {
      await target.waitFor({ state: "visible", timeout: Math.min(waitMs, remaining(deadline)) });
    } catch (err) {
      if ((err as Error).name === "TimeoutError") continue;
      throw err;
    }
    await target.click({ timeout: remaining(deadline) });
    clicked++;
  }
  return clicked;
}

/** Run the source's steps (all but `state`) in order: waitFor, clicks, scroll, clickMore. */
export async function runSteps(
  page: PwPage,
  steps: BrowserSteps | undefined,
  deadline: number,
): Promise<void> {
  if (!steps) return;
  if (steps.waitFor)
    await page.waitForSelector(steps.waitFor, { state: "attached", timeout: remaining(deadline) });
  if (steps.clicks) await clickInOrder(page, steps.clicks, steps.scroll?.settleMs ?? 1500, deadline);
  if (steps.scroll) await scrollUntilNoNewItems(page, steps.scroll, deadline);
  if (steps.clickMore) await clickMoreUntil(page, steps.clickMore, deadline);
}
