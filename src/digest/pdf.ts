/**
 * HTML → PDF (and a PNG of the first page) with Chromium through playwright-core: Debian's chromium
 * found like the browser fetcher finds it (REPWATCH_CHROMIUM_PATH, /usr/bin/chromium, …), with the
 * same headless flags. The page is rendered offline with JavaScript off and every request refused,
 * so a report can neither fetch nor run anything even if it tried; attempts are counted and reported.
 *
 * One browser serves many reports (`openDigestPrinter` … `close`).
 */
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../crawl/browser/chromium-path.js";

/** A4 at CSS 96 dpi. */
export const A4_CSS_PX = { width: 794, height: 1123 } as const;

/** The report's @page margins (src/digest/styles.ts), for the screenshot that has no pages. */
const PAGE_MARGIN_STYLE = "<style>@media print { body { padding: 12mm 11mm; } }</style>";

export interface PrintedDigest {
  pdf: Buffer;
  /** The first page as it prints (A4 proportions), at 2× for sharpness. */
  png: Buffer;
  /** Requests the page tried to make (always refused); 0 for a self-contained report. */
  blockedRequests: string[];
}

export interface DigestPrinter {
  print(html: string, options?: { title?: string }): Promise<PrintedDigest>;
  close(): Promise<void>;
}

export interface PrinterOptions {
  /** REPWATCH_CHROMIUM_PATH. */
  chromiumPath?: string;
  /** Launch timeout, ms. @default 30000 */
  timeoutMs?: number;
  /** Print with this already launched browser (left open by `close`): tests share one launch. */
  browser?: Browser;
}

/** Launch Chromium the way the browser fetcher does (Debian's, headless, no sandbox). */
export function launchChromium(o: Pick<PrinterOptions, "chromiumPath" | "timeoutMs"> = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(o.chromiumPath),
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: o.timeoutMs ?? 30_000,
  });
}

export async function openDigestPrinter(o: PrinterOptions = {}): Promise<DigestPrinter> {
  const browser: Browser = o.browser ?? (await launchChromium(o));
  return {
    async print(html) {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        offline: true,
        viewport: A4_CSS_PX,
        deviceScaleFactor: 2,
      });
      const blockedRequests: string[] = [];
      try {
        await context.route("**/*", (route) => {
          blockedRequests.push(route.request().url());
          return route.abort("blockedbyclient");
        });
        const page = await context.newPage();
        await page.emulateMedia({ media: "print" });
        // the PNG: the first page as printed, its @page margins drawn as padding
        await page.setContent(html.replace("</head>", `${PAGE_MARGIN_STYLE}</head>`), { waitUntil: "load" });
        const png = await page.screenshot({ clip: { x: 0, y: 0, ...A4_CSS_PX }, type: "png" });
        await page.setContent(html, { waitUntil: "load" });
        const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
        return { pdf, png, blockedRequests };
      } finally {
        await context.close();
      }
    },
    async close() {
      if (!o.browser) await browser.close();
    },
  };
}
