import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { parseFeed } from "../src/fetch/atom.js";
import { type ArxivServer, always, fixture, startArxivServer } from "./support/arxiv-server.js";
import { type LlmServer, replies, startLlmServer } from "./support/llm-server.js";
import { runAction, runtimes } from "./support/run-action.js";
import { workspaceWithConfig } from "./support/workspace.js";

const DIGEST = "digests/2024/11/2024-11-17-diffusion-models.md";
const CANARY_KEY = "sk-canary-3f9a1c77e0b2d4";
const seed = parseFeed(fixture("seed_day_2024-11-17_diffusion.xml")).papers;

describe.each(runtimes())("the bundled Action with a model, on $name", ({ node }) => {
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
  beforeEach(() => {
    llm.requests.length = 0;
  });

  const inputs = (extra: Record<string, string> = {}) => ({
    topic: "Diffusion Models",
    query: 'abs:"diffusion model"',
    date: "2024-11-17",
    mode: "files",
    "arxiv-api-url": arxiv.url,
    "arxiv-interval-ms": "0",
    "llm-base-url": llm.url,
    "llm-model": "test-model",
    "llm-api-key": CANARY_KEY,
    ...extra,
  });

  it("summarises the reference day in Chinese with every author and link taken from arXiv", async () => {
    llm.setBehaviour([]);
    const run = await runAction({ node, inputs: inputs({ language: "Chinese" }) });
    expect(run.code).toBe(0);
    const digest = await readFile(join(run.workspace, DIGEST), "utf8");
    const { data } = readFrontMatter(digest);
    expect(data).toMatchObject({
      summarizer: "llm",
      model: "test-model",
      language: "Chinese",
      counts: { papers: 6, unavailable: 0 },
    });
    expect((data.tokens as { prompt: number }).prompt).toBeGreaterThan(0);
    expect(llm.requests).toHaveLength(6);
    for (const paper of seed) {
      expect(digest).toContain(`**Authors:** ${paper.authors.map((author) => author.name).join(", ")}\n`);
    }
    const allowed = new Set(
      seed.flatMap((paper) => [paper.links.abs, paper.links.pdf, paper.links.html, ...paper.codeLinks]),
    );
    for (const [, target] of digest.matchAll(/\]\(([^)]+)\)/g))
      if (!target?.startsWith("#")) expect(allowed).toContain(target);
    expect(digest.match(/\*\*TL;DR\*\* — [^\n]*[\u4e00-\u9fff]/g)).toHaveLength(6);
    expect(run.summary).toMatch(/tokens: [1-9]\d* prompt/);
    // The runner consumes its own `::add-mask::` command; nothing else may carry the key.
    const printed = (run.stdout + run.stderr).replace(`::add-mask::${CANARY_KEY}\n`, "");
    expect(printed + run.summary).not.toContain(CANARY_KEY);
  });

  it("publishes every paper when answers are hostile, looping, refused or truncated", async () => {
    llm.setBehaviour([
      replies.hostile(),
      replies.repetition(),
      replies.repetition(),
      replies.refusal(),
      replies.refusal(),
      replies.truncated(),
      replies.invalidJson(),
    ]);
    const run = await runAction({ node, inputs: inputs({ "llm-concurrency": "1" }) });
    expect(run.code).toBe(0);
    const digest = await readFile(join(run.workspace, DIGEST), "utf8");
    expect(readFrontMatter(digest).data.papers).toHaveLength(6);
    // Looping twice, refused twice, truncated then invalid: three papers without a model summary, all present.
    expect(digest.match(/\*\*Summary unavailable:\*\*/g)?.length).toBe(3);
    expect(digest).not.toMatch(/evil|<img|::error::|@octocat|#12\b/);
    expect(run.stdout).not.toMatch(/^::error::pwned/m);
  });

  it("retries a rate limit and server errors, and rejects an answer in the wrong language, still green", async () => {
    llm.setBehaviour([
      replies.rateLimited({ retryAfterSeconds: 1 }),
      replies.serverError(),
      replies.serverError(),
      replies.serverError(),
      replies.wrongLanguage(),
      replies.wrongLanguage(),
    ]);
    const run = await runAction({ node, inputs: inputs({ "llm-concurrency": "1" }) });
    expect(run.code).toBe(0);
    const digest = await readFile(join(run.workspace, DIGEST), "utf8");
    expect(readFrontMatter(digest).data.papers).toHaveLength(6);
    // Paper 1: 429 (waited out), 500, 500: its two retries spent → unavailable after 3 requests.
    // Paper 2: 500 (retried), wrong language, wrong language again → unavailable after 3 requests. Papers 3-6: 1 each.
    const unavailable = [...digest.matchAll(/\*\*Summary unavailable:\*\* ([^\n]+)/g)].map(
      (match) => match[1],
    );
    expect(unavailable).toHaveLength(2);
    expect(unavailable[0]).toMatch(/server error \(HTTP 500\)/);
    expect(unavailable[1]).toMatch(/language|script/i);
    expect(llm.requests).toHaveLength(10);
  });

  it("summarises a topic's papers while the next topic is still being fetched from arXiv", async () => {
    llm.setBehaviour([]);
    arxiv.requests.length = 0;
    const run = await runAction({
      node,
      workspace: await workspaceWithConfig(),
      inputs: inputs({ topic: "", query: "", "arxiv-interval-ms": "400" }),
    });
    expect(run.code).toBe(0);
    expect(arxiv.requests).toHaveLength(3);
    // The first topic's summaries are asked for before arXiv is asked for the second topic.
    const firstSummary = Math.min(...llm.requests.map((request) => request.receivedAt));
    expect(firstSummary).toBeLessThan(arxiv.requests[1]?.at ?? 0);
  });

  it("stops calling the model on a daily quota and publishes the rest as unavailable, still green", async () => {
    llm.setBehaviour(() => replies.dailyQuota());
    const run = await runAction({ node, inputs: inputs({ "llm-concurrency": "1" }) });
    expect(run.code).toBe(0);
    expect(llm.requests).toHaveLength(1);
    const digest = await readFile(join(run.workspace, DIGEST), "utf8");
    expect(digest.match(/\*\*Summary unavailable:\*\* quota exhausted/g)).toHaveLength(6);
    expect(digest.match(/\*\*TL;DR\*\* \*\(picked from the abstract\)\*/g)).toHaveLength(6);
    expect(run.summary).toContain("quota is exhausted: 6 paper(s)");
  });

  it("falls back to extractive summaries without a model and says so", async () => {
    const run = await runAction({
      node,
      inputs: inputs({ "llm-base-url": "", "llm-model": "", "llm-api-key": "" }),
    });
    expect(run.code).toBe(0);
    expect(llm.requests).toHaveLength(0);
    expect(run.stdout).toContain("::warning::No language model available");
    expect(run.summary).toContain("No language model available");
  });

  it("shows each topic's funnel, the tokens and the warnings, and groups the log by phase", async () => {
    // The first paper's answer is refused twice (the retry included): it is published without a model summary.
    llm.setBehaviour([replies.refusal(), replies.refusal()]);
    const run = await runAction({
      node,
      workspace: await workspaceWithConfig(),
      inputs: inputs({ topic: "", query: "", "llm-concurrency": "1" }),
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
      "group::Fetch from arXiv and select new papers",
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
