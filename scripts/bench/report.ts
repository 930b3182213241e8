// The bench's report: runs side by side with their ideal and their `llm-concurrency: 1` twin, and the goals.
import { availableParallelism } from "node:os";
import { DEFAULTS } from "../../src/config/settings.js";
import type { RunMeasure } from "./action-run.js";
import type { ColdStart } from "./cold-start.js";
import type { LedgerReport } from "./ledger-timing.js";
import type { BenchOptions } from "./options.js";

export interface SizeResult {
  papers: number;
  concurrent: RunMeasure;
  /** The `llm-concurrency: 1` run, when measured. */
  sequential?: RunMeasure;
  sequentialWallMs: number;
  sequentialExtrapolated: boolean;
  /** arXiv's share of the ideal: the polite client's waits between its requests (and the server's answer time). */
  arxivMs: number;
  /** `arxivMs + ceil(papers / concurrency) × latency`. */
  idealMs: number;
  ratioToIdeal: number;
  speedup: number;
  /** The same with arXiv's fixed waits taken out of both runs: what concurrency itself buys. */
  speedupBesidesArxiv: number;
  tokensPerPaper: { prompt: number; completion: number; total: number };
}

export interface Goal {
  goal: string;
  met: boolean;
  measured: string;
}

export interface BenchReport {
  machine: { cores: number; node: string; platform: string };
  options: BenchOptions;
  /** What real runs use, where the bench sets something else to stay fast. */
  realRuns: { arxivIntervalMs: number; githubWriteIntervalMs: number };
  sizes: SizeResult[];
  coldStart: ColdStart[];
  bundle: { total: number; files: Record<string, number> };
  ledger?: LedgerReport;
  goals: Goal[];
}

export function machine(): BenchReport["machine"] {
  return {
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export const REAL_RUNS = { arxivIntervalMs: DEFAULTS.arxivIntervalMs, githubWriteIntervalMs: 1000 };

export function sizeResult(
  options: BenchOptions,
  concurrent: RunMeasure,
  sequential?: RunMeasure,
): SizeResult {
  const { papers } = concurrent;
  const requests = concurrent.arxiv.requests;
  const arxivMs = Math.max(0, requests - 1) * options.arxivIntervalMs + requests * options.arxivLatencyMs;
  const idealMs = arxivMs + Math.ceil(papers / options.concurrency) * options.latencyMs;
  const { promptTokens, completionTokens } = concurrent.llm;
  return {
    papers,
    concurrent,
    sequential,
    sequentialWallMs: sequential?.wallMs ?? Number.NaN,
    sequentialExtrapolated: !sequential,
    arxivMs,
    idealMs,
    ratioToIdeal: idealMs > 0 ? concurrent.wallMs / idealMs : Number.NaN,
    speedup: Number.NaN,
    speedupBesidesArxiv: Number.NaN,
    tokensPerPaper: {
      prompt: promptTokens / papers,
      completion: completionTokens / papers,
      total: (promptTokens + completionTokens) / papers,
    },
  };
}

/**
 * Sizes whose `llm-concurrency: 1` run was not measured: the concurrent run with its LLM time swapped for one
 * paper after another, each costing what a paper cost in the measured sequential runs (their slope).
 */
export function extrapolate(results: SizeResult[], options: BenchOptions): void {
  const measured = results.filter((result) => result.sequential);
  const [a, b] = measured.slice(-2);
  const perPaper =
    a && b ? (b.sequentialWallMs - a.sequentialWallMs) / (b.papers - a.papers) : options.latencyMs;
  for (const result of results.filter((item) => !item.sequential)) {
    const llmMs = Math.ceil(result.papers / options.concurrency) * options.latencyMs;
    result.sequentialWallMs = result.concurrent.wallMs - llmMs + result.papers * perPaper;
  }
  for (const result of results) {
    result.speedup = result.sequentialWallMs / result.concurrent.wallMs;
    result.speedupBesidesArxiv =
      (result.sequentialWallMs - result.arxivMs) / (result.concurrent.wallMs - result.arxivMs);
  }
}
