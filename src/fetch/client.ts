import { readCapped, retryAfterMs, sleep, USER_AGENT } from "../common/http.js";
import type { Log } from "../common/log.js";
import type { Paper } from "../common/paper.js";
import { logText } from "../safe/log.js";
import { ArxivFeedError, FEED_LIMITS, type FeedPage, parseFeed } from "./atom.js";
import { Pacer } from "./pacer.js";

export interface ArxivClientOptions {
  apiUrl: string;
  /** Minimum time between two requests (arXiv's terms: 3 s). */
  intervalMs: number;
  pageSize: number;
  /** Retries per page after the first attempt. */
  retries: number;
  /** Hard cap on results read per query. */
  maxResults: number;
  log: Log;
  userAgent?: string;
  timeoutMs?: number;
  /** Shared with every other client of arxiv.org (the HTML pages), so all requests keep the interval together. */
  pacer?: Pacer;
}

export interface SearchResult {
  papers: Paper[];
  totalResults: number;
  skipped: { id: string; reason: string }[];
}

/** The paper source port. */
export interface PaperSource {
  search(searchQuery: string, stopBefore?: Date): Promise<SearchResult>;
  requestCount(): number;
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * A polite arXiv API client: one request at a time, starts spaced by `intervalMs`, pages of `pageSize`, retries on
 * 429/5xx/blank bodies/empty non-first pages with growing waits, and arXiv's error feeds turned into clear errors.
 */
export class ArxivClient implements PaperSource {
  private requests = 0;
  private readonly pacer: Pacer;

  constructor(private readonly options: ArxivClientOptions) {
    this.pacer = options.pacer ?? new Pacer(options.intervalMs);
  }

  requestCount(): number {
    return this.requests;
  }

  /** Most recently updated first; stops paging once a page reaches papers last updated before `stopBefore`. */
  async search(searchQuery: string, stopBefore?: Date): Promise<SearchResult> {
    const papers: Paper[] = [];
    const skipped: SearchResult["skipped"] = [];
    const seen = new Set<string>();
    let start = 0;
    let total = 0;
    do {
      const page = await this.fetchPage(searchQuery, start);
      total = page.totalResults;
      const before = papers.length;
      for (const paper of page.papers) {
        if (seen.has(paper.id)) continue;
        seen.add(paper.id);
        papers.push(paper);
      }
      skipped.push(...page.skipped);
      const read = page.papers.length + page.skipped.length;
      // A page of nothing but repeats means the listing shifted under us or the server ignores `start`: stop.
      if (read === 0 || (start > 0 && papers.length === before && !page.skipped.length)) break;
      start += read;
      const oldest = page.papers.at(-1);
      if (stopBefore && oldest && Date.parse(oldest.updated) < stopBefore.getTime()) break;
    } while (start < Math.min(total, this.options.maxResults));
    return { papers, totalResults: total, skipped };
  }

  private async fetchPage(searchQuery: string, start: number): Promise<FeedPage> {
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      try {
        return await this.request(searchQuery, start);
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        lastError = error;
        if (attempt === this.options.retries) break;
        const wait = error.retryAfterMs ?? this.options.intervalMs * 2 ** attempt;
        this.options.log.warning(
          logText`arXiv: ${error.message}; retry ${attempt + 1} of ${this.options.retries} in ${Math.round(wait / 1000)} s`,
        );
        await sleep(wait);
      }
    }
    throw new ArxivFeedError(
      `arXiv did not answer the query after ${this.options.retries + 1} attempts (${lastError?.message}). Query: ${searchQuery}`,
    );
  }

  private request(searchQuery: string, start: number): Promise<FeedPage> {
    return this.pacer.run(() => {
      this.requests++;
      return this.get(searchQuery, start);
    });
  }

  private async get(searchQuery: string, start: number): Promise<FeedPage> {
    const url = new URL(this.options.apiUrl);
    url.searchParams.set("search_query", searchQuery);
    url.searchParams.set("start", String(start));
    url.searchParams.set("max_results", String(this.options.pageSize));
    url.searchParams.set("sortBy", "lastUpdatedDate");
    url.searchParams.set("sortOrder", "descending");
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          "user-agent": this.options.userAgent ?? USER_AGENT,
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new RetryableError(`request failed (${(error as Error).name})`);
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel().catch(() => undefined);
      throw new RetryableError(`HTTP ${response.status}`, capRetryAfter(retryAfterMs(response.headers)));
    }
    let body: string;
    try {
      const read = await readCapped(response, FEED_LIMITS.bytes);
      if (!read.complete)
        throw new ArxivFeedError(
          `arXiv's answer is larger than ${FEED_LIMITS.bytes} bytes. Query: ${searchQuery}`,
        );
      body = read.text;
    } catch (error) {
      if (error instanceof ArxivFeedError) throw error;
      // The connection dropped or timed out while the body was arriving.
      throw new RetryableError(`answer cut off (${(error as Error).name})`);
    }
    if (!body.trim()) throw new RetryableError(`blank response (HTTP ${response.status})`);
    let page: FeedPage;
    try {
      page = parseFeed(body);
    } catch (error) {
      if (error instanceof ArxivFeedError && error.arxivMessage !== undefined) {
        throw new ArxivFeedError(
          `arXiv rejected the query: "${error.arxivMessage}". Query: ${searchQuery}`,
          error.arxivMessage,
        );
      }
      // A truncated or garbled body is usually a dropped connection: worth another try; a refused DTD is not.
      if (error instanceof ArxivFeedError && !error.retryable) {
        throw new ArxivFeedError(`${error.message}. Query: ${searchQuery}`);
      }
      throw new RetryableError((error as Error).message);
    }
    if (!response.ok)
      throw new ArxivFeedError(`arXiv answered HTTP ${response.status}. Query: ${searchQuery}`);
    if (start > 0 && page.papers.length + page.skipped.length === 0 && start < page.totalResults) {
      throw new RetryableError(`empty page at start=${start} of ${page.totalResults}`);
    }
    return page;
  }
}

/** arXiv's own waits are short; a longer one is not worth blocking the run for. */
function capRetryAfter(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.min(ms, 120_000);
}
