// Issue #7's goals, each met or not with the number that decides it. Benchmark goals, never asserted in tests.
import type { BenchReport, Goal, SizeResult } from "./report.js";

const fmt = (value: number, digits = 2) => value.toFixed(digits);

export function evaluateGoals(report: Omit<BenchReport, "goals">): Goal[] {
  const large = report.sizes.filter((size) => size.papers >= 200);
  const largest = report.sizes.at(-1);
  return [
    ...large.map((size) => ratioGoal(size)),
    ...large.map((size) => speedupGoal(size, report.options.concurrency)),
    arxivRequestsGoal(report.sizes, report.options.topics),
    arxivSpacingGoal(report),
    githubGoal(report.sizes),
    tokenGoal(report.sizes),
    ...(largest ? [rssGoal(largest)] : []),
    ...report.coldStart.map((cold) => ({
      goal: `cold start ≤ 300 ms on ${cold.runtime}`,
      met: cold.medianMs <= 300,
      measured: `${fmt(cold.medianMs, 0)} ms (median of ${cold.runs.length})`,
    })),
    {
      goal: "bundle ≤ 3 MB",
      met: report.bundle.total <= 3_000_000,
      measured: `${fmt(report.bundle.total / 1e6)} MB`,
    },
  ];
}

function ratioGoal(size: SizeResult): Goal {
  return {
    goal: `wall time ≤ 1.15 × ideal at N = ${size.papers}`,
    met: size.ratioToIdeal <= 1.15,
    measured: `${fmt(size.ratioToIdeal)} × (${fmt(size.concurrent.wallMs / 1000, 1)} s vs ${fmt(size.idealMs / 1000, 1)} s)`,
  };
}

function speedupGoal(size: SizeResult, concurrency: number): Goal {
  const label = size.sequentialExtrapolated ? "extrapolated" : "measured";
  return {
    goal: `≥ 10 × faster than llm-concurrency: 1 at ${concurrency}, N = ${size.papers}`,
    met: size.speedup >= 10,
    measured: `${fmt(size.speedup, 1)} × (${label}); ${fmt(size.speedupBesidesArxiv, 1)} × besides arXiv's waits`,
  };
}

/** One request per page of 100 results and topic: never one per paper. */
function arxivRequestsGoal(sizes: SizeResult[], topics: number): Goal {
  const perPaper = sizes.map((size) => `${size.concurrent.arxiv.requests} for ${size.papers} papers`);
  return {
    goal: "arXiv: no request per paper",
    met: sizes.every((size) => size.concurrent.arxiv.requests <= Math.ceil(size.papers / 100) + topics),
    measured: `requests: ${perPaper.join(", ")}`,
  };
}

function arxivSpacingGoal(report: Omit<BenchReport, "goals">): Goal {
  const spacings = report.sizes
    .map((size) => size.concurrent.arxiv.minSpacingMs)
    .filter((gap): gap is number => gap !== null);
  const observed = spacings.length ? Math.min(...spacings) : Number.NaN;
  const interval = report.options.arxivIntervalMs;
  return {
    goal: "arXiv: requests spaced ≥ 3 s in real runs",
    met: report.realRuns.arxivIntervalMs >= 3000 && !(observed < interval),
    measured: `default arxiv-interval-ms ${report.realRuns.arxivIntervalMs}; bench ${interval}, min spacing observed ${fmt(observed, 0)} ms`,
  };
}

function githubGoal(sizes: SizeResult[]): Goal {
  const counts = sizes.map((size) => size.concurrent.github.requests);
  const kinds = sizes.map((size) => JSON.stringify(size.concurrent.github.byKind));
  return {
    goal: "GitHub: a constant number of requests per run",
    met: new Set(kinds).size <= 1,
    measured: `${[...new Set(counts)].join(" / ")} requests at every size`,
  };
}

function tokenGoal(sizes: SizeResult[]): Goal {
  const worst = Math.max(...sizes.map((size) => size.tokensPerPaper.total));
  return {
    goal: "≤ 1,500 tokens per paper (prompt + completion)",
    met: worst <= 1500,
    measured: `${fmt(worst, 0)} per paper (estimated, ~4 chars a token)`,
  };
}

function rssGoal(size: SizeResult): Goal {
  const rss = Math.max(size.concurrent.peakRssMB, size.sequential?.peakRssMB ?? 0);
  return {
    goal: `peak RSS ≤ 200 MB at N = ${size.papers}`,
    met: rss <= 200,
    measured: `${fmt(rss, 0)} MB`,
  };
}
