// Spaces request starts evenly: at most `requestsPerMinute` starts in any minute, the first one at once.
import { type Sleep, sleep } from "../common/http.js";

export function createRateLimiter(requestsPerMinute: number | undefined, wait: Sleep = sleep) {
  const interval = requestsPerMinute && requestsPerMinute > 0 ? 60_000 / requestsPerMinute : 0;
  let nextStart = 0;
  return {
    /** Resolves when the caller may start its request; slots are handed out in call order. */
    async take(): Promise<void> {
      const now = Date.now();
      const start = Math.max(now, nextStart);
      nextStart = start + interval;
      if (start > now) await wait(start - now);
    },
  };
}
