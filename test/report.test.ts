import { describe, expect, it } from "vitest";
import { jobSummary } from "../src/report/job-summary.js";
import type { RunReport, TopicReport } from "../src/report/run-report.js";

const topic = (name: string, file?: string): TopicReport => ({
  topic: {
    name,
    slug: name.toLowerCase(),
    categories: [],
    keywords: [],
    exclude: [],
    maxPapers: 30,
    language: "English",
  },
  fetched: 9,
  outsideWindow: 1,
  alreadyPublished: 2,
  filteredOut: 3,
  elsewhere: 0,
  selected: 3,
  listed: 3,
  titles: [],
  overflow: 0,
  summarised: 2,
  unavailable: 1,
  file,
});

const run = (extra: Partial<RunReport> = {}): RunReport => ({
  date: "2024-11-17",
  window: { from: new Date("2024-11-10T00:00:00Z"), to: new Date("2024-11-17T00:00:00Z") },
  topics: [topic("Vision", "digests/2024/11/2024-11-17-vision.md"), topic("Quiet")],
  papers: 3,
  files: ["digests/2024/11/2024-11-17-vision.md"],
  tokens: { prompt: 1200, completion: 340 },
  arxivRequests: 2,
  summarizer: { kind: "llm", model: "openai/gpt-4.1-mini" },
  warnings: ["Summary unavailable for 1 paper(s): refused."],
  ...extra,
});

describe("the job summary", () => {
  it("links the pull request, the issue and each digest file at the commit made", () => {
    const summary = jobSummary(
      run({
        publish: {
          changed: true,
          files: [],
          branch: "arxiv-digest/2024-11-17",
          commitSha: "abc123",
          pullRequest: { number: 7, url: "https://github.com/o/r/pull/7" },
          issue: { number: 8, url: "https://github.com/o/r/issues/8" },
        },
      }),
      { repositoryUrl: "https://github.com/o/r" },
    );
    expect(summary).toContain(
      "| Vision | 9 | 3 | 3 | 3 | 2 | 1 | 0 | [`digests/2024/11/2024-11-17-vision.md`](https://github.com/o/r/blob/abc123/digests/2024/11/2024-11-17-vision.md) |",
    );
    expect(summary).toContain("| Quiet | 9 | 3 | 3 | 3 | 2 | 1 | 0 | — |");
    expect(summary).toContain("Pull request: [#7](https://github.com/o/r/pull/7)");
    expect(summary).toContain("Issue: [#8](https://github.com/o/r/issues/8)");
    expect(summary).toContain(
      "model `openai/gpt-4.1-mini` · tokens: 1200 prompt + 340 completion · arXiv requests: 2",
    );
    expect(summary).toContain("> [!WARNING]\n> Summary unavailable for 1 paper(s): refused.");
  });

  it("names files without a link when nothing was committed (mode files), and shows how the run was split", () => {
    const summary = jobSummary(run({ notes: ["Merged from 4 shard(s)."] }), {
      repositoryUrl: "https://github.com/o/r",
    });
    expect(summary).toContain("| `digests/2024/11/2024-11-17-vision.md` |");
    expect(summary).not.toContain("/blob/");
    expect(summary).toContain("\nMerged from 4 shard(s).\n");
  });
});
