import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { parseFeed } from "../src/fetch/atom.js";
import { selectPapers, windowFor } from "../src/select/select.js";
import { type ArxivServer, always, fixture, startArxivServer } from "./support/arxiv-server.js";
import { relevanceOf } from "./support/fake-answer.js";
import { type HtmlServer, recordedPageOnly, startHtmlServer } from "./support/html-server.js";
import { type LlmServer, startLlmServer } from "./support/llm-server.js";
import { testTopic } from "./support/papers.js";
import { runAction, runtimes } from "./support/run-action.js";
import { SEED_DAY_DIGEST, SEED_DAY_INPUTS } from "./support/seed-day.js";

const INTERESTS = "text-to-image generation, video, sampling, medical imaging";
const seed = parseFeed(fixture("seed_day_2024-11-17_diffusion.xml")).papers;
const scoreOf = (id: string) => {
  const paper = seed.find((item) => item.id === id);
  if (!paper) throw new Error(`${id} is not in the seed day`);
  return relevanceOf(paper, INTERESTS).relevance;
};
/** The digest's order without interests: the selection's own order. */
const unranked = selectPapers(seed, testTopic(), windowFor("2024-11-17", 7), () => false).selected.map(
  (paper) => paper.id,
);

/** The paper sections' titles and shown scores, in digest order. */
function sections(digest: string): { title: string; score: number }[] {
  return [...digest.matchAll(/^## \d+\. (.*)\n\n\*\*Relevance:\*\* (\d+)\/10/gm)].map((match) => ({
    title: match[1] ?? "",
    score: Number(match[2]),
  }));
}

describe.each(runtimes())("the bundled Action with interests, on $name", ({ node }) => {
  let arxiv: ArxivServer;
  let llm: LlmServer;
  let html: HtmlServer;
  beforeAll(async () => {
    arxiv = await startArxivServer(always("seed_day_2024-11-17_diffusion.xml"));
    llm = await startLlmServer();
    html = await startHtmlServer(recordedPageOnly);
  });
  afterAll(async () => {
    await Promise.all([arxiv.close(), llm.close(), html.close()]);
  });

  const run = async (extra: Record<string, string> = {}) => {
    const result = await runAction({
      node,
      inputs: {
        ...SEED_DAY_INPUTS,
        interests: INTERESTS,
        "enrich-html": "true",
        "html-base-url": html.url,
        "arxiv-api-url": arxiv.url,
        "arxiv-interval-ms": "0",
        "llm-base-url": llm.url,
        "llm-model": "test-model",
        "llm-api-key": "k",
        ...extra,
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("::warning::");
    return readFile(join(result.workspace, SEED_DAY_DIGEST), "utf8");
  };

  it("opens with highlights and orders every paper by the model's score", async () => {
    const digest = await run();
    const { data, content } = readFrontMatter(digest);
    const ids = data.papers as string[];
    expect([...ids].sort()).toEqual(seed.map((paper) => paper.id).sort());
    const shown = sections(content);
    expect(shown).toHaveLength(6);
    // Each paper's own score, highest first, ties in arXiv's order (the order without interests).
    expect(shown.map((section) => section.score)).toEqual(ids.map(scoreOf));
    const scores = ids.map(scoreOf);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBeGreaterThan(1);
    expect(ids).not.toEqual(unranked);
    expect(ids).toEqual([...unranked].sort((a, b) => scoreOf(b) - scoreOf(a)));
    const highlights = content.slice(content.indexOf("## Highlights"), content.indexOf("## Contents"));
    expect(content.indexOf("## Highlights")).toBeGreaterThan(0);
    expect(highlights.match(/^- \*\*\d+\/10\*\*/gm)).toHaveLength(
      scores.filter((score) => score >= 7).length,
    );
    expect(highlights.match(/^- \*\*(\d+)\/10\*\*/m)?.[1]).toBe(String(scores[0]));
  });

  it("moves papers below min-score to a compact list with a visible note, dropping none", async () => {
    const digest = await run({ "min-score": "6" });
    const { data, content } = readFrontMatter(digest);
    const ids = data.papers as string[];
    const low = ids.filter((id) => scoreOf(id) < 6);
    expect(low.length).toBeGreaterThan(0);
    expect(ids).toHaveLength(6);
    expect(sections(content)).toHaveLength(6 - low.length);
    expect(content).toContain(`## ${low.length} paper${low.length === 1 ? "" : "s"} below the minimum score`);
    expect(content).toContain("scored below 6 of 10 (`min-score`)");
    const compact = content.slice(content.indexOf("below the minimum score"));
    for (const id of low) expect(compact).toContain(`](https://arxiv.org/abs/${id})`);
    expect((data.counts as Record<string, number>)["below-min-score"]).toBe(low.length);
  });
});
