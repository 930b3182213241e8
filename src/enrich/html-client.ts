// Fetching arXiv HTML pages. A missing page (404: arXiv makes HTML for most but not all papers, and often not yet on
// announcement day), a timeout or a cut-off body is normal: the result says why and the paper is simply not enriched.
import { readCapped, USER_AGENT } from "../common/http.js";
import type { Pacer } from "../fetch/pacer.js";
import { HTML_LIMITS } from "./html-page.js";

export interface HtmlPageOptions {
  pacer: Pacer;
  timeoutMs?: number;
  userAgent?: string;
}

export type HtmlPage = { ok: true; html: string } | { ok: false; reason: string };

export async function fetchHtmlPage(url: string, options: HtmlPageOptions): Promise<HtmlPage> {
  return options.pacer.run(async () => {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { "user-agent": options.userAgent ?? USER_AGENT },
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      return { ok: false, reason: failure(error, "no answer") };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `HTTP ${response.status}` };
    }
    try {
      return { ok: true, html: (await readCapped(response, HTML_LIMITS.maxInputChars)).text };
    } catch (error) {
      return { ok: false, reason: failure(error, "page cut off") };
    }
  });
}

function failure(error: unknown, otherwise: string): string {
  return (error as Error).name === "TimeoutError" ? "timeout" : otherwise;
}
