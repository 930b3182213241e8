import { markdownLink } from "../safe/link.js";
import { codeSpan, tableCell } from "../safe/markdown.js";
import type { RunReport, TopicReport } from "./run-report.js";

export interface SummaryContext {
  requests?: Record<string, number>;
  /** `https://github.com/<owner>/<repo>`: with a commit, each digest file links to its page there. */
  repositoryUrl?: string;
}

/** The job summary: what happened, topic by topic, as a funnel. */
export function jobSummary(run: RunReport, extra: SummaryContext = {}): string {
  const rows = run.topics.map(
    (topic) =>
      `| ${tableCell(topic.topic.name)} | ${topic.fetched} | ${topic.outsideWindow + topic.alreadyPublished} | ${topic.filteredOut} | ${topic.selected} | ${topic.summarised} | ${topic.unavailable} | ${topic.overflow} | ${fileCell(topic, run, extra)} |`,
  );
  const lines = [
    `## arXiv digest · ${run.date}`,
    headline(run),
    "| topic | fetched | seen before / outside window | filtered out | new | summarised | summary unavailable | over the limit | file |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows,
    "",
    `Summaries: ${run.summarizer.kind === "llm" ? `model ${codeSpan(run.summarizer.model ?? "?")}` : "extractive (sentences picked from the abstract, no model)"} · tokens: ${run.tokens.prompt} prompt + ${run.tokens.completion} completion · arXiv requests: ${run.arxivRequests}`,
  ];
  if (run.publish?.pullRequest)
    lines.push(
      `Pull request: ${markdownLink(`#${run.publish.pullRequest.number}`, run.publish.pullRequest.url)}`,
    );
  if (run.publish?.issue)
    lines.push(`Issue: ${markdownLink(`#${run.publish.issue.number}`, run.publish.issue.url)}`);
  if (run.publish && !run.publish.changed)
    lines.push("The repository already held these exact files: nothing was changed.");
  lines.push(...(run.notes ?? []));
  if (extra.requests && Object.keys(extra.requests).length) {
    const total = Object.values(extra.requests).reduce((sum, count) => sum + count, 0);
    lines.push(
      `GitHub API requests: ${total} (${Object.entries(extra.requests)
        .map(([kind, count]) => `${kind} ×${count}`)
        .join(", ")})`,
    );
  }
  for (const warning of run.warnings) lines.push(`> [!WARNING]\n> ${tableCell(warning)}`);
  return `${lines.join("\n")}\n`;
}

function fileCell(topic: TopicReport, run: RunReport, extra: SummaryContext): string {
  if (!topic.file) return "—";
  const commit = run.publish?.commitSha;
  if (!commit || !extra.repositoryUrl) return codeSpan(topic.file);
  return markdownLink(codeSpan(topic.file), `${extra.repositoryUrl}/blob/${commit}/${topic.file}`);
}

function headline(run: RunReport): string {
  if (run.papers) return `**${run.papers} new papers** in ${run.files.length} digest file(s).`;
  if (run.files.length)
    return `**No new papers**, ${run.files.length} digest file(s) published as they were (kept or updates only).`;
  if (run.publish?.changed)
    return "**No new papers**; the digests index was brought up to date with what was merged.";
  return "**No new papers**: nothing was published. arXiv announces Sunday to Thursday (20:00 US Eastern); days without an announcement are normal.";
}
