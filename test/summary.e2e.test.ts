import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArxivServer, always, startArxivServer } from "./support/arxiv-server.js";
import { type LlmServer, replies, startLlmServer } from "./support/llm-server.js";
import { runAction, runtimes } from "./support/run-action.js";
import { workspaceWithConfig } from "./support/workspace.js";

describe.each(runtimes())("the job summary and log of the bundled Action, on $name", ({ node }) => {
  let arxiv: ArxivServer;
  let llm: LlmServer;
  beforeAll(async () => {
    arxiv = await startArxivServer(always("seed_day_2024-11-17_diffusion.xml"));
    llm = await startLlmServer();
  });
  afterAll(async () => {
    await arxiv.close();
    await llm.close();
  });

  it("shows each topic's funnel, the tokens and the warnings, and groups the log by phase", async () => {
    // The first paper's answer is refused twice (the retry included): it is published without a model summary.
    llm.setBehaviour([replies.refusal(), replies.refusal()]);
    const run = await runAction({
      node,
      workspace: await workspaceWithConfig(),
      inputs: {
        date: "2024-11-17",
        mode: "files",
        "arxiv-api-url": arxiv.url,
        "arxiv-interval-ms": "0",
        "llm-base-url": llm.url,
        "llm-model": "test-model",
        "llm-api-key": "sk-test",
        "llm-concurrency": "1",
      },
    });
    expect(run.code).toBe(0);
    const lines = run.summary.split("\n");
    expect(lines).toContain("**5 new papers** in 3 digest file(s).");
    // topic | fetched | seen before / outside window | filtered out | new | summarised | unavailable | over the limit | file
    expect(lines).toContain(
      "| Text to image | 6 | 0 | 4 | 2 | 1 | 1 | 0 | `digests/2024/11/2024-11-17-text-to-image.md` |",
    );
    expect(lines).toContain(
      "| Generation | 6 | 2 | 1 | 2 | 2 | 0 | 1 | `digests/2024/11/2024-11-17-generation.md` |",
    );
    expect(lines).toContain(
      "| Robustness | 6 | 4 | 1 | 1 | 1 | 0 | 0 | `digests/2024/11/2024-11-17-robustness.md` |",
    );
    expect(run.summary).toMatch(
      /model `test-model` · tokens: [1-9]\d* prompt \+ [1-9]\d* completion · arXiv requests: 3/,
    );
    expect(run.summary).toMatch(/> \[!WARNING\]\n> Summary unavailable for 1 paper\(s\): .*refus/);

    const groups = [...run.stdout.matchAll(/^::(group::.*|endgroup::)$/gm)].map((match) => match[1]);
    expect(groups).toEqual([
      "group::Fetch from arXiv",
      "endgroup::",
      "group::Select new papers",
      "endgroup::",
      "group::Summarise 5 papers",
      "endgroup::",
      "group::Render digests",
      "endgroup::",
      "group::Publish",
      "endgroup::",
    ]);
    expect(run.stdout).toContain(
      "Generation: 2 new of 6 fetched (2 seen before, 0 outside the window, 1 filtered out, 1 over the limit)",
    );
  });
});
