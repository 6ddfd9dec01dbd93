/**
 * The origin map (REPWATCH_ORIGIN_MAP), like curl's `--resolve`:
 *   `https://otzovik.com=http://127.0.0.1:8080/otzovik.com,http://otzovik.com=…`
 * A request for `https://otzovik.com/a?b` is physically sent to `http://127.0.0.1:8080/otzovik.com/a?b`;
 * URLs coming back (redirects) that point at the physical base are mapped back to the logical origin.
 */

export interface OriginMapEntry {
  /** Logical origin, e.g. `https://otzovik.com` (no trailing slash). */
  origin: string;
  /** Physical base, e.g. `http://127.0.0.1:8080/otzovik.com` (no trailing slash). */
  base: string;
}

export interface OriginMap {
  readonly entries: readonly OriginMapEntry[];
  /** Physical URL to send a logical URL to (unchanged when its origin is not mapped). */
  toPhysical(logicalUrl: string): string;
  /**
   * Logical URL of a physical one (unchanged when it is under no physical base). When several
   * origins share a base, `preferProtocol` picks among them (the protocol of the page we came from).
   */
  toLogical(physicalUrl: string, preferProtocol?: string): string;
  /** Whether this logical origin is mapped. */
  isMapped(logicalUrl: string): boolean;
}

/** Parse `origin=base,origin=base`. Throws on a malformed entry, saying which one and why. */
export function parseOriginMap(value: string | undefined): OriginMap {
  const entries: OriginMapEntry[] = [];
  for (const raw of (value ?? "").split(",")) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new Error(`origin map entry "${part}": expected "<origin>=<base url>"`);
    const left = part.slice(0, eq).trim();
    const right = part.slice(eq + 1).trim();
    let origin: URL;
    let base: URL;
    try {
      origin = new URL(left);
      base = new URL(right);
    } catch {
      throw new Error(`origin map entry "${part}": both sides must be absolute URLs`);
    }
    if (origin.pathname !== "/" || origin.search) {
      throw new Error(`origin map entry "${part}": the left side must be a bare origin, got "${left}"`);
    }
    entries.push({ origin: origin.origin, base: `${base.origin}${base.pathname.replace(/\/+$/, "")}` });
  }
  const byOrigin = new Map(entries.map((e) => [e.origin, e]));

  return {
    entries,
    toPhysical(logicalUrl) {
      const u = new URL(logicalUrl);
      const e = byOrigin.get(u.origin);
      if (!e) return u.href;
      return `${e.base}${u.pathname}${u.search}`;
    },
    toLogical(physicalUrl, preferProtocol) {
      const u = new URL(physicalUrl);
      const path = `${u.pathname}${u.search}${u.hash}`;
      let found: OriginMapEntry | undefined;
      for (const e of entries) {
        const b = new URL(e.base);
        if (b.origin !== u.origin) continue;
        const prefix = b.pathname === "/" ? "" : b.pathname;
        if (prefix && path !== prefix && !path.startsWith(`${prefix}/`) && !path.startsWith(`${prefix}?`))
          continue;
        if (
          !found ||
          (preferProtocol &&
            e.origin.startsWith(`${preferProtocol}`) &&
            !found.origin.startsWith(preferProtocol))
        )
          found = e;
      }
      if (!found) return u.href;
      const prefix = new URL(found.base).pathname.replace(/\/+$/, "");
      const rest = path.slice(prefix.length);
      return new URL(rest.startsWith("/") ? rest : `/${rest}`, found.origin).href;
    },
    isMapped(logicalUrl) {
      return byOrigin.has(new URL(logicalUrl).origin);
    },
  };
}
