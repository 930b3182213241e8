// What a failed request means for the run: wait and retry, give up on this paper, or stop calling the model.

import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { retryAfterMs } from "../common/http.js";

export const QUOTA_EXHAUSTED = "quota exhausted";

export type Failure =
  | { action: "retry"; reason: string; delayMs?: number | undefined }
  | { action: "give-up"; reason: string }
  /** Every later request would fail the same way: stop calling for the rest of the run. */
  | { action: "halt"; reason: string };

// GitHub Models: "Rate limit of 50 per 86400s exceeded for UserByModelByDay"; OpenAI: code insufficient_quota.
const DAILY_QUOTA = /per 86400s|ByDay\b|daily|per day|insufficient_quota|exceeded your current quota/i;
const WAIT_SECONDS = /wait (\d+(?:\.\d+)?) seconds?/i;

/** Classifies an error from the openai SDK (called with `maxRetries: 0`). Only codes and statuses reach `reason`. */
export function classifyFailure(error: unknown, maxRetryWaitMs: number): Failure {
  if (error instanceof APIUserAbortError) return { action: "give-up", reason: "request aborted" };
  if (error instanceof APIConnectionTimeoutError) return { action: "retry", reason: "request timed out" };
  if (error instanceof APIConnectionError) return { action: "retry", reason: "connection failed" };
  if (!(error instanceof APIError) || error.status === undefined) {
    return { action: "give-up", reason: "unexpected error" };
  }
  const status = error.status;
  if (status === 429) return rateLimited(error, maxRetryWaitMs);
  if (status === 401) return { action: "halt", reason: "authentication failed (HTTP 401)" };
  if (status === 403) return { action: "halt", reason: "access denied (HTTP 403)" };
  if (status === 404) return { action: "halt", reason: "model or endpoint not found (HTTP 404)" };
  if (status === 408 || status === 409 || status >= 500) {
    return { action: "retry", reason: `server error (HTTP ${status})`, delayMs: retryAfterMs(error.headers) };
  }
  return { action: "give-up", reason: `request rejected (HTTP ${status})` };
}

function rateLimited(error: APIError, maxRetryWaitMs: number): Failure {
  const text = `${error.message} ${String(error.code ?? "")} ${String(error.type ?? "")}`;
  const bodyWait = text.match(WAIT_SECONDS)?.[1];
  const delayMs = retryAfterMs(error.headers) ?? (bodyWait ? Number(bodyWait) * 1000 : undefined);
  if (DAILY_QUOTA.test(text) || (delayMs !== undefined && delayMs > maxRetryWaitMs)) {
    return { action: "halt", reason: QUOTA_EXHAUSTED };
  }
  return { action: "retry", reason: "rate limited (HTTP 429)", delayMs };
}
