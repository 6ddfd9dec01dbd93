/**
 * Lab replica of legacy Russian encodings (host `charset.lab`). Every page holds TEXT below.
 *   /cp1251/header   windows-1251, declared in the Content-Type header only
 *   /cp1251/meta     windows-1251, declared in <meta http-equiv> only
 *   /cp1251/meta5    windows-1251, declared in <meta charset> only
 *   /cp1251/none     windows-1251, declared nowhere
 *   /cp1251/lying    windows-1251, but the header says utf-8
 *   /koi8/header     KOI8-R in the header
 *   /koi8/none       KOI8-R declared nowhere
 *   /utf8/bom        UTF-8 with a BOM, header says windows-1251
 *   /utf8/none       UTF-8 declared nowhere
 */
import iconv from "iconv-lite";
import type { ReplicaSite } from "../server.js";

export const TEXT =
  "Ужасное обслуживание, ждали заказ две недели. Менеджер грубил, деньги вернули только после жалобы. Ёлки-палки!";
/** Characters windows-1251 has and KOI8-R has not: on the windows-1251 and UTF-8 pages only. */
export const TEXT_1251 = "«Ёлки» — №1 по опозданиям";

function doc(meta = "", extra = TEXT_1251): string {
  return `<!doctype html><html><head>${meta}<title>Отзыв</title></head><body><p class="text">${TEXT}</p><p>${extra}</p></body></html>`;
}

export function createCharsetSite(host = "charset.lab"): ReplicaSite {
  const routes: Record<string, { body: Buffer; type: string }> = {
    "/cp1251/header": { body: iconv.encode(doc(), "win1251"), type: "text/html; charset=windows-1251" },
    "/cp1251/meta": {
      body: iconv.encode(
        doc('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
        "win1251",
      ),
      type: "text/html",
    },
    "/cp1251/meta5": { body: iconv.encode(doc('<meta charset="cp1251">'), "win1251"), type: "text/html" },
    "/cp1251/none": { body: iconv.encode(doc(), "win1251"), type: "text/html" },
    "/cp1251/lying": { body: iconv.encode(doc(), "win1251"), type: "text/html; charset=utf-8" },
    "/koi8/header": { body: iconv.encode(doc("", ""), "koi8-r"), type: "text/html; charset=KOI8-R" },
    "/koi8/none": { body: iconv.encode(doc("", ""), "koi8-r"), type: "text/html" },
    "/utf8/bom": {
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc(), "utf8")]),
      type: "text/html; charset=windows-1251",
    },
    "/utf8/none": { body: Buffer.from(doc(), "utf8"), type: "text/html" },
  };
  return {
    hosts: [host],
    handle(req) {
      const r = routes[req.url.pathname];
      if (!r) return { status: 404, body: "not found" };
      return { headers: { "content-type": r.type }, body: r.body };
    },
  };
}
