/** Which Chromium to drive: the configured path, else Debian's, else Playwright's own if installed. */
import { accessSync, constants } from "node:fs";
import { chromium } from "playwright-core";
import { StopRunError } from "../errors.js";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightOwn(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * The Chromium executable: `configured` (REPWATCH_CHROMIUM_PATH) when given (an error if it is not
 * there), else /usr/bin/chromium, else Playwright's own browser when installed. Throws a StopRunError
 * naming every place it looked.
 */
export function findChromium(configured?: string, candidates: string[] = [DEBIAN_CHROMIUM]): string {
  if (configured) {
    if (executable(configured)) return configured;
    throw new StopRunError(
      `Chromium not found at REPWATCH_CHROMIUM_PATH=${configured} (not an executable file); ` +
        `unset it to auto-detect ${candidates.join(", ")} or Playwright's own browser`,
    );
  }
  for (const c of candidates) if (executable(c)) return c;
  const own = playwrightOwn();
  if (own && executable(own)) return own;
  throw new StopRunError(
    `no Chromium found: looked for ${candidates.join(", ")} and Playwright's own browser` +
      `${own ? ` (${own})` : ""}; install Debian's chromium (apt-get install chromium) or set REPWATCH_CHROMIUM_PATH`,
  );
}

/** Flags for a headless crawl browser: no sandbox (containers), no GPU, no background chatter. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--disable-extensions",
  "--mute-audio",
];
