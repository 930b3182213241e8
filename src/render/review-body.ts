import type { TopicReport } from "../report/run-report.js";
import { markdownLink } from "../safe/link.js";
import { codeSpan, tableCell } from "../safe/markdown.js";

export interface ReviewBodyInput {
  date: string;
  topics: TopicReport[];
  summarizer: { kind: "llm" | "extractive"; model?: string };
  tokens: { prompt: number; completion: number };
  fileUrl: (path: string) => string;
  ledgerDir: string;
}

/** The pull request (or issue) body: a short table and links, built from counts and paths, no untrusted prose. */
export function reviewBody(input: ReviewBodyInput): string {
  const rows = input.topics
    .filter((topic) => topic.file)
    .map((topic) => {
      const file = topic.file as string;
      const name = file.slice(file.lastIndexOf("/") + 1);
      return `| ${tableCell(topic.topic.name)} | ${topic.selected} | ${topic.summarised} | ${topic.unavailable} | ${topic.overflow} | ${markdownLink(name, input.fileUrl(file))} |`;
    });
  const summaries =
    input.summarizer.kind === "llm"
      ? `Summaries by ${codeSpan(input.summarizer.model ?? "a model")} (${input.tokens.prompt} prompt + ${input.tokens.completion} completion tokens).`
      : "Extractive summaries (sentences picked from each abstract, no model).";
  return [
    `### arXiv digest for ${input.date}`,
    [
      "| topic | new papers | summarised | summary unavailable | listed only (over max-papers) | digest |",
      "|---|---:|---:|---:|---:|---|",
      ...rows,
    ].join("\n"),
    summaries,
    `Review the digests, edit or delete entries, then merge. What is merged is recorded in ${codeSpan(input.ledgerDir)}, so no paper appears twice; re-running this date updates this pull request.`,
  ].join("\n\n");
}
