/** The logger the crawl stage writes to: a pino-compatible subset (pass a pino child logger). */
export interface CrawlLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const silentLogger: CrawlLogger = { debug() {}, info() {}, warn() {} };
