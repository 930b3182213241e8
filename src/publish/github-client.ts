import type { Octokit as CoreOctokit, OctokitOptions } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck/light.js";
import type { Log } from "../common/log.js";
import { logText } from "../safe/log.js";

export interface GitHubRetryOptions {
  /** Retries of a request that failed with a 5xx, a timeout or a network error (plugin-retry). Default 3. */
  retries?: number;
  /** plugin-retry waits (n+1)² × this many ms before retry n. Default 1000. */
  backoffUnitMs?: number;
  /** Retries after a rate limit, each after the `retry-after` GitHub asked for. Default 2. */
  rateLimitRetries?: number;
  /** A `retry-after` longer than this many seconds fails the request instead of waiting. Default 120. */
  maxRetryAfterSeconds?: number;
  /** Length in ms of one `retry-after` second (tests may shrink it). Default 1000. */
  retryAfterUnitMs?: number;
  /** Per-attempt timeout in ms. Default 60,000. */
  timeoutMs?: number;
}

export interface GitHubClientOptions {
  token: string;
  /** REST base URL, e.g. `https://api.github.com` or `GITHUB_API_URL` on GitHub Enterprise Server. */
  apiUrl: string;
  log: Log;
  /** Minimum gap between content-creating requests (notification-triggering ones: 3×). Default 1000. */
  writeIntervalMs?: number;
  retry?: GitHubRetryOptions;
}

export const DigestOctokit = Octokit.plugin(countRequests, retry, throttling);
export type GitHubApi = InstanceType<typeof DigestOctokit>;

export interface GitHubClient {
  octokit: GitHubApi;
  /** HTTP attempts so far (retries included) by method and route, e.g. `{"POST git/trees": 1}`. */
  requestCounts(): Record<string, number>;
}

// 403 and 429 are the throttling plugin's (it honours retry-after); 409 and 422 are answers, not accidents.
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const counts = new Map<string, number>();
  const retryOptions = options.retry ?? {};
  const writeIntervalMs = options.writeIntervalMs ?? 1000;
  const octokit = new DigestOctokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ""),
    userAgent: "arxiv-digest",
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => options.log.warning(logText`${message}`),
      error: () => {},
    },
    requestCounts: counts,
    timeoutMs: retryOptions.timeoutMs ?? 60_000,
    retry: {
      retries: retryOptions.retries ?? 3,
      retryAfterBaseValue: retryOptions.backoffUnitMs ?? 1000,
      doNotRetry: DO_NOT_RETRY,
    },
    throttle: {
      // Own groups: the plugin's defaults are process-wide and fixed at 1 s (writes) and 3 s (notifications).
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * writeIntervalMs }),
      retryAfterBaseValue: retryOptions.retryAfterUnitMs ?? 1000,
      onRateLimit: rateLimitHandler(options.log, "rate limit", retryOptions),
      onSecondaryRateLimit: rateLimitHandler(options.log, "secondary rate limit", retryOptions),
    },
  });
  return { octokit, requestCounts: () => Object.fromEntries(counts) };
}

function rateLimitHandler(log: Log, kind: string, options: GitHubRetryOptions) {
  const maxRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRetryAfterSeconds ?? 120;
  return (
    retryAfter: number,
    request: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ) => {
    const route = routeKey(request.method, request.url);
    if (retryCount >= maxRetries || retryAfter > maxWait) {
      log.warning(
        logText`GitHub ${kind} on ${route}: not waiting ${retryAfter} s more (retry ${retryCount})`,
      );
      return false;
    }
    log.warning(logText`GitHub ${kind} on ${route}: waiting ${retryAfter} s as asked, then retrying`);
    return true;
  };
}

/** `GET /repos/{owner}/{repo}/git/ref/{ref}` → `GET git/ref/{ref}`; the repository itself → `GET repo`. */
export function routeKey(method: string, url: string): string {
  const route = url.replace(/^\/repos\/\{owner\}\/\{repo\}\/?/, "").replace(/\?.*$/, "");
  return `${method} ${route || "repo"}`;
}

/**
 * Registered before plugin-retry and plugin-throttling, so its hook runs inside their retries: it counts (and
 * times out) every HTTP attempt, not just every call.
 */
function countRequests(octokit: CoreOctokit, options: OctokitOptions): void {
  const counts = options.requestCounts as Map<string, number> | undefined;
  const timeoutMs = options.timeoutMs as number | undefined;
  octokit.hook.before("request", (request) => {
    const key = routeKey(request.method, request.url);
    counts?.set(key, (counts.get(key) ?? 0) + 1);
    // A fresh signal per attempt: a retry must not inherit the previous attempt's expired one.
    if (timeoutMs) {
      request.request ??= {};
      request.request.signal = AbortSignal.timeout(timeoutMs);
    }
  });
}

/** One repository as the store's modules see it. */
export interface RepositoryApi {
  api: GitHubApi;
  owner: string;
  repo: string;
  /** `owner/repo`, for messages. */
  fullName: string;
}
