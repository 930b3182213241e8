// One measured run of the bundled Action (`dist/index.js`, as the runner starts it) against the local services.
import { runAction } from "../../test/support/run-action.js";
import type { BenchOptions } from "./options.js";
import { rssProbe } from "./rss.js";
import { BENCH_DATE, BENCH_TOKEN, type BenchServers, startServers } from "./servers.js";

export interface RunMeasure {
  papers: number;
  concurrency: number;
  wallMs: number;
  peakRssMB: number;
  arxiv: { requests: number; minSpacingMs: number | null };
  llm: { requests: number; maxInFlight: number; promptTokens: number; completionTokens: number };
  github: { requests: number; byKind: Record<string, number> };
}

/** Papers per topic: `papers` spread as evenly as possible. */
export function split(papers: number, topics: number): number[] {
  return Array.from(
    { length: topics },
    (_, k) => Math.floor(papers / topics) + (k < papers % topics ? 1 : 0),
  );
}

export async function measureRun(
  options: BenchOptions,
  papers: number,
  concurrency: number,
): Promise<RunMeasure> {
  const servers = await startServers({
    perTopic: split(papers, Math.min(options.topics, papers)),
    latencyMs: options.latencyMs,
    jitterMs: options.jitterMs,
    arxivLatencyMs: options.arxivLatencyMs,
  });
  try {
    const rss = await rssProbe();
    const started = performance.now();
    const run = await runAction({
      inputs: actionInputs(servers, options, concurrency),
      env: { ...servers.github.env, ...rss.env },
      nodeArgs: rss.nodeArgs,
      timeoutMs: 30 * 60_000,
    });
    const wallMs = performance.now() - started;
    if (run.code !== 0 || run.outputs.papers !== String(papers)) {
      throw new Error(
        `bench run of ${papers} papers failed (exit ${run.code}, papers ${run.outputs.papers}):\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`,
      );
    }
    return { papers, concurrency, wallMs, peakRssMB: await rss.peakMB(), ...counts(servers) };
  } finally {
    await servers.close();
  }
}

function actionInputs(servers: BenchServers, options: BenchOptions, concurrency: number) {
  return {
    mode: "pull-request",
    date: BENCH_DATE,
    "github-token": BENCH_TOKEN,
    "github-write-interval-ms": "0",
    "arxiv-api-url": servers.arxiv.url,
    "arxiv-interval-ms": String(options.arxivIntervalMs),
    summarize: "llm",
    "llm-base-url": servers.llm.url,
    "llm-api-key": "bench-key",
    "llm-model": "bench-model",
    "llm-concurrency": String(concurrency),
    "llm-requests-per-minute": "0",
  };
}

function counts(servers: BenchServers): Omit<RunMeasure, "papers" | "concurrency" | "wallMs" | "peakRssMB"> {
  const times = servers.arxiv.requests.map((request) => request.at);
  const gaps = times.slice(1).map((time, index) => time - (times[index] as number));
  const usage = servers.llm.requests.map((request) => request.usage ?? { prompt: 0, completion: 0 });
  return {
    arxiv: { requests: times.length, minSpacingMs: gaps.length ? Math.min(...gaps) : null },
    llm: {
      requests: servers.llm.requests.length,
      maxInFlight: servers.llm.maxInFlight,
      promptTokens: usage.reduce((sum, item) => sum + item.prompt, 0),
      completionTokens: usage.reduce((sum, item) => sum + item.completion, 0),
    },
    github: { requests: servers.github.requests.length, byKind: githubKinds(servers.github) },
  };
}

/** GitHub requests by method and route, shas, numbers and branch names folded into `:x`. */
function githubKinds(github: BenchServers["github"]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const request of github.requests) {
    const route = request.path
      .replace(`/repos/${github.owner}/${github.repo}`, "")
      .replace(/heads\/.*$/, "heads/:x")
      .replace(/\/[0-9a-f]{40}|\/\d+(?=\/|$)/g, "/:x");
    const kind = `${request.method} ${route || "/"}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}
