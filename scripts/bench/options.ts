import { parseArgs } from "node:util";

export interface BenchOptions {
  /** Papers per run (split evenly over the topics). */
  sizes: number[];
  /** The fake LLM's latency and its uniform ± jitter, ms. */
  latencyMs: number;
  jitterMs: number;
  /** `llm-concurrency` of the measured runs (each is compared with a run at 1). */
  concurrency: number;
  topics: number;
  /** `arxiv-interval-ms` of the runs (real runs: at least 3000) and the fake arXiv's time to answer a page. */
  arxivIntervalMs: number;
  arxivLatencyMs: number;
  /** Measure the `llm-concurrency: 1` run at sizes up to this; above it, extrapolate. */
  sequentialUpTo: number;
  coldStartRuns: number;
  /** Announcement days of generated history for the ledger timing (0 skips it), and for the full reindex. */
  ledgerDays: number;
  reindexDays: number;
  json: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: [20, 200, 1000],
  latencyMs: 300,
  jitterMs: 50,
  concurrency: 16,
  topics: 2,
  arxivIntervalMs: 3000,
  arxivLatencyMs: 0,
  sequentialUpTo: 200,
  coldStartRuns: 5,
  ledgerDays: 750,
  reindexDays: 250,
  json: false,
};

export const USAGE = `npm run bench -- [flags]
  --sizes 20,200,1000    papers per run (split evenly over the topics)
  --latency 300          fake LLM latency, ms            --jitter 50      its ± jitter, ms
  --concurrency 16       llm-concurrency of the runs (each also run at 1)
  --topics 2             topics per run
  --arxiv-interval 3000  arxiv-interval-ms of the runs   --arxiv-latency 0  fake arXiv answer time, ms
  --full                 measure llm-concurrency: 1 at every size (1,000 × 300 ms is 5 minutes) instead of
                         extrapolating above 200 papers
  --cold-runs 5          cold starts per Node version (the median is reported)
  --ledger-days 750      announcement days of history for the ledger timing (0: skip)
  --reindex-days 250     announcement days of digests for the full reindex
  --json                 the report as JSON instead of tables`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string" },
      latency: { type: "string" },
      jitter: { type: "string" },
      concurrency: { type: "string" },
      topics: { type: "string" },
      "arxiv-interval": { type: "string" },
      "arxiv-latency": { type: "string" },
      full: { type: "boolean" },
      "cold-runs": { type: "string" },
      "ledger-days": { type: "string" },
      "reindex-days": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const number = (name: keyof typeof values, fallback: number) => {
    const text = values[name];
    if (typeof text !== "string") return fallback;
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new Error(`--${name}: expected a whole number, got ${text}`);
    return parsed;
  };
  const sizes = values.sizes?.split(",").map(Number) ?? DEFAULT_OPTIONS.sizes;
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes: ${values.sizes}`);
  return {
    sizes,
    latencyMs: number("latency", DEFAULT_OPTIONS.latencyMs),
    jitterMs: number("jitter", DEFAULT_OPTIONS.jitterMs),
    concurrency: Math.max(1, number("concurrency", DEFAULT_OPTIONS.concurrency)),
    topics: Math.max(1, number("topics", DEFAULT_OPTIONS.topics)),
    arxivIntervalMs: number("arxiv-interval", DEFAULT_OPTIONS.arxivIntervalMs),
    arxivLatencyMs: number("arxiv-latency", DEFAULT_OPTIONS.arxivLatencyMs),
    sequentialUpTo: values.full ? Number.POSITIVE_INFINITY : DEFAULT_OPTIONS.sequentialUpTo,
    coldStartRuns: Math.max(1, number("cold-runs", DEFAULT_OPTIONS.coldStartRuns)),
    ledgerDays: number("ledger-days", DEFAULT_OPTIONS.ledgerDays),
    reindexDays: number("reindex-days", DEFAULT_OPTIONS.reindexDays),
    json: values.json ?? false,
  };
}
