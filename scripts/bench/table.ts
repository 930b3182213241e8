// The report as markdown tables (the same shape docs/benchmarks.md shows).
import type { IndexTiming } from "./ledger-timing.js";
import type { BenchReport, SizeResult } from "./report.js";

const s = (ms: number) => (Number.isNaN(ms) ? "–" : `${(ms / 1000).toFixed(1)} s`);
const x = (ratio: number) => (Number.isNaN(ratio) ? "–" : `${ratio.toFixed(2)}×`);
const n = (value: number) => Math.round(value).toLocaleString("en-US");

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function wallRow(size: SizeResult): string[] {
  const sequential = `${s(size.sequentialWallMs)}${size.sequentialExtrapolated ? " (extrapolated)" : ""}`;
  return [
    n(size.papers),
    s(size.concurrent.wallMs),
    s(size.idealMs),
    s(size.arxivMs),
    x(size.ratioToIdeal),
    sequential,
    x(size.speedup),
    x(size.speedupBesidesArxiv),
    `${size.concurrent.peakRssMB.toFixed(0)} MB`,
  ];
}

function requestRow(size: SizeResult): string[] {
  const { arxiv, llm, github } = size.concurrent;
  const spacing = arxiv.minSpacingMs === null ? "–" : `${n(arxiv.minSpacingMs)} ms`;
  const tokens = size.tokensPerPaper;
  return [
    n(size.papers),
    `${arxiv.requests} (min spacing ${spacing})`,
    `${n(llm.requests)} (max ${llm.maxInFlight} in flight)`,
    String(github.requests),
    `${n(tokens.prompt)} + ${n(tokens.completion)} = ${n(tokens.total)}`,
    `${n(llm.promptTokens)} + ${n(llm.completionTokens)}`,
  ];
}

export function renderReport(report: BenchReport): string {
  const { options: o, realRuns } = report;
  const sections = [
    `# arxiv-digest bench: ${report.machine.cores} cores, ${report.machine.platform}, ${report.machine.node}`,
    `LLM latency ${o.latencyMs} ± ${o.jitterMs} ms, llm-concurrency ${o.concurrency} vs 1, ${o.topics} topic(s), arxiv-interval-ms ${o.arxivIntervalMs} (real runs: ${realRuns.arxivIntervalMs}), github-write-interval-ms 0 (real runs: ${realRuns.githubWriteIntervalMs}).`,
    "## Wall time",
    table(
      [
        "papers",
        `wall (c=${o.concurrency})`,
        "ideal",
        "of which arXiv",
        "wall / ideal",
        "wall (c=1)",
        "speed-up",
        "besides arXiv",
        "peak RSS",
      ],
      report.sizes.map(wallRow),
    ),
    "## Requests and tokens",
    table(
      ["papers", "arXiv", "LLM", "GitHub", "tokens / paper (prompt + completion)", "tokens, run"],
      report.sizes.map(requestRow),
    ),
    "GitHub requests by kind (every size): " +
      Object.entries(report.sizes[0]?.concurrent.github.byKind ?? {})
        .map(([kind, count]) => `\`${kind}\` ${count}`)
        .join(", "),
    "## Start-up and bundle",
    table(
      ["runtime", "cold start (median)", "runs"],
      report.coldStart.map((cold) => [cold.runtime, `${n(cold.medianMs)} ms`, cold.runs.map(n).join(", ")]),
    ),
    `Bundle: ${Object.entries(report.bundle.files)
      .map(([name, bytes]) => `${name} ${n(bytes)} bytes`)
      .join(", ")} (${(report.bundle.total / 1e6).toFixed(2)} MB).`,
    ...ledgerSection(report),
    "## Goals",
    table(
      ["goal", "", "measured"],
      report.goals.map((goal) => [goal.goal, goal.met ? "met" : "**not met**", goal.measured]),
    ),
  ];
  return `${sections.join("\n\n")}\n`;
}

function ledgerSection(report: BenchReport): string[] {
  const { ledger } = report;
  if (!ledger) return [];
  const row = (name: string, timing: IndexTiming, days: number) => [
    name,
    `${days} days, ${n(timing.digests)} digests, ${n(timing.papers)} papers`,
    `${timing.medianMs.toFixed(1)} ms`,
    n(timing.filesRead),
    `${n(timing.bytesRead)} bytes`,
  ];
  return [
    "## Index",
    table(
      ["operation", "history", "time", "files read", "read"],
      [
        row(`openIndex, ${ledger.open.candidates} candidates (median of 5)`, ledger.open, ledger.open.days),
        row("full reindex from the digests", ledger.reindex, ledger.reindex.days),
      ],
    ),
  ];
}
