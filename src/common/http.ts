// What every client of an outside service here shares: who we say we are, how long we wait, how much we read.

export const USER_AGENT = "arxiv-digest (+https://github.com/arxiv-digest/arxiv-digest)";

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** `retry-after-ms`, then `retry-after` in seconds or as an HTTP date (as the openai SDK reads them). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const millis = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The body as text, at most `maxBytes` of it (a parser with a size cap reads no further, so neither does the
 * client); `complete` is false when the body was longer.
 */
export async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; complete: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: "", complete: true };
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (bytes > maxBytes) {
      await reader.cancel();
      return { text: text + decoder.decode(), complete: false };
    }
  }
  return { text: text + decoder.decode(), complete: true };
}
