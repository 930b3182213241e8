// Fetching arXiv HTML pages. A missing page (404: arXiv makes HTML for most but not all papers, and often not yet on
// announcement day), a timeout or a cut-off body is normal: the result says why and the paper is simply not enriched.
import { HTML_LIMITS } from "./html.js";
import type { Pacer } from "./pacer.js";

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
        headers: { "user-agent": options.userAgent ?? "arxiv-digest (+https://github.com/arxiv-digest)" },
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
      return { ok: true, html: await readCapped(response, HTML_LIMITS.maxInputChars) };
    } catch (error) {
      return { ok: false, reason: failure(error, "page cut off") };
    }
  });
}

function failure(error: unknown, otherwise: string): string {
  return (error as Error).name === "TimeoutError" ? "timeout" : otherwise;
}

/** The body as text, at most `maxBytes` of it: the parser reads no further, so neither does the client. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (bytes >= maxBytes) {
      await reader.cancel();
      break;
    }
  }
  return text + decoder.decode();
}
