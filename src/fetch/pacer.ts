/**
 * arXiv's terms allow one connection at a time and a request every few seconds across all of a user's machines, so
 * every request to arxiv.org (API search pages and HTML pages alike) goes through one pacer: requests run one after
 * another, each starting `intervalMs` after the previous one ended.
 */
import { sleep } from "../common/http.js";
export class Pacer {
  private lastEnd: number | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly intervalMs: number) {}

  /** Runs `fn` when every earlier call has finished and the interval since the last one has passed. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.paced(fn));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async paced<T>(fn: () => Promise<T>): Promise<T> {
    const wait = this.lastEnd === undefined ? 0 : this.lastEnd + this.intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      return await fn();
    } finally {
      this.lastEnd = Date.now();
    }
  }
}
