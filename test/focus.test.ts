import { describe, expect, it } from "vitest";
import type { DigestEntry, Summary } from "../src/common/paper.js";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { renderDigest } from "../src/render/digest.js";
import { rankEntries } from "../src/render/rank.js";
import { memoryLog } from "./support/log.js";
import { testPaper, testTopic } from "./support/papers.js";
import { runSeedDay, seedDayArxiv } from "./support/seed-day.js";

const TOPIC = testTopic({ interests: "video diffusion" });

function summary(extra: Partial<Summary> = {}): Summary {
  return { kind: "llm", tldr: "A finding.", takeaways: ["One.", "Two.", "Three."], ...extra };
}

/** Entries in selection order; `score` undefined means not rated, "failed" means summary unavailable. */
function entries(scores: (number | undefined | "failed")[]): DigestEntry[] {
  return scores.map((score, index) => ({
    paper: testPaper(index, { title: `Paper ${String.fromCharCode(65 + index)}` }),
    outcome:
      score === "failed"
        ? { ok: false, reason: "model refused" }
        : {
            ok: true,
            summary: summary(score === undefined ? {} : { score, scoreReason: `Reason ${score}.` }),
          },
  }));
}

const titles = (list: DigestEntry[]) => list.map((entry) => entry.paper.title);

function render(list: DigestEntry[], ranking = { highlightThreshold: 7, minScore: 0 }, topic = TOPIC) {
  return renderDigest({
    topic,
    date: "2024-11-17",
    window: { from: new Date("2024-11-10T00:00:00Z"), to: new Date("2024-11-17T00:00:00Z") },
    entries: list,
    overflow: [],
    elsewhere: [],
    summarizer: { kind: "llm", model: "m" },
    ranking,
  });
}

describe("ranking by relevance", () => {
  it("sorts scored papers by score, ties in their order, unscored after them in theirs", () => {
    const ranked = rankEntries(entries([3, undefined, 8, "failed", 8, 10]), {
      highlightThreshold: 8,
      minScore: 0,
    });
    expect(titles(ranked.shown)).toEqual(["Paper F", "Paper C", "Paper E", "Paper A", "Paper B", "Paper D"]);
    expect(titles(ranked.highlights)).toEqual(["Paper F", "Paper C", "Paper E"]);
    expect(ranked.below).toEqual([]);
  });

  it("moves only scored papers below min-score to the compact list; unscored ones are never moved", () => {
    const ranked = rankEntries(entries([3, undefined, 8, 1, "failed"]), {
      highlightThreshold: 7,
      minScore: 4,
    });
    expect(titles(ranked.shown)).toEqual(["Paper C", "Paper B", "Paper E"]);
    expect(titles(ranked.below)).toEqual(["Paper A", "Paper D"]);
  });

  it("leaves a digest without scores in its order, with no highlights", () => {
    const digest = render(entries([undefined, undefined]), { highlightThreshold: 1, minScore: 5 });
    expect(digest).not.toMatch(/## Highlights|below the minimum score|Sorted by relevance/);
    expect(readFrontMatter(digest).data.papers).toEqual([testPaper(0).id, testPaper(1).id]);
  });
});

describe("the digest with scores", () => {
  const list = entries([3, undefined, 9, 5, 7]);
  const digest = render(list, { highlightThreshold: 7, minScore: 4 });
  const body = readFrontMatter(digest).content;

  it("opens with highlights, linked to their sections, before the contents", () => {
    const highlights = body.slice(body.indexOf("## Highlights"), body.indexOf("## Contents"));
    expect(body.indexOf("## Highlights")).toBeGreaterThan(0);
    expect(highlights).toContain("- **9/10** [Paper C](#1-paper-c) — Reason 9.");
    expect(highlights).toContain("- **7/10** [Paper E](#2-paper-e) — Reason 7.");
    expect(highlights).not.toContain("Paper D");
    expect(body).toContain("to these interests: video diffusion.");
  });

  it("shows papers in score order with each score, the unscored last", () => {
    const headings = [...body.matchAll(/^## \d+\. (.*)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(["Paper C", "Paper E", "Paper D", "Paper B"]);
    expect(body).toContain("## 3. Paper D\n\n**Relevance:** 5/10 — Reason 5.");
    expect(body).toContain("## 4. Paper B\n\n**Relevance:** not rated");
  });

  it("lists a paper below min-score by title and links, says how many and why, and keeps it in the front matter", () => {
    expect(body).toContain("## 1 paper below the minimum score");
    expect(body).toContain("scored below 4 of 10 (`min-score`)");
    const compact = body.slice(body.indexOf("below the minimum score"));
    expect(compact).toContain(
      `- [Paper A](https://arxiv.org/abs/${testPaper(0).id}) · [PDF](${testPaper(0).links.pdf})`,
    );
    expect(body).not.toMatch(/^## \d+\. Paper A$/m);
    const { data } = readFrontMatter(digest);
    expect(data.papers).toEqual([2, 4, 3, 1, 0].map((index) => testPaper(index).id));
    expect(data.counts).toMatchObject({ papers: 5, highlights: 2, "below-min-score": 1 });
  });
});

describe("a translated title", () => {
  it("stands in italics under the original title, sanitised, never instead of it", () => {
    const [entry] = entries([undefined]);
    const translated = "扩散*模型* [点击](https://evil.example) <b>x</b>";
    const digest = render([
      { ...(entry as DigestEntry), outcome: { ok: true, summary: summary({ translatedTitle: translated }) } },
    ]);
    expect(digest).toContain(
      "## 1. Paper A\n\n*扩散\\*模型\\* \\[点击\\](https:\u2060//evil.example) &lt;b&gt;x&lt;/b&gt;*\n",
    );
  });
});

describe("interests without a model", () => {
  const arxiv = seedDayArxiv();

  it("scores nothing, reorders nothing and says so once", async () => {
    const log = memoryLog();
    const { report } = await runSeedDay(
      arxiv.server.url,
      { summarize: "extractive", interests: "video generation", "min-score": "5" },
      log,
    );
    expect(report.papers).toBe(6);
    expect(log.lines.filter((line) => line.includes("relevance scores need a language model"))).toHaveLength(
      1,
    );
  });
});

describe("section headings and their anchors", () => {
  it("links the contents to the heading GitHub renders, whatever TeX, HTML or # the title holds", async () => {
    const { paperAnchor, paperHeading } = await import("../src/render/text.js");
    const paper = (title: string) => testPaper(0, { title });
    expect(paperHeading(paper("Learning \\textit{fast} rules"), 1)).toBe("## 1. Learning *fast* rules");
    expect(paperAnchor(paper("Learning \\textit{fast} rules"), 1)).toBe("#1-learning-fast-rules");
    expect(paperAnchor(paper("A & B <c>"), 2)).toBe("#2-a--b-c");
    expect(paperHeading(paper("Counting is $\\#$P-hard"), 3)).toBe("## 3. Counting is $\\#$P-hard");
    expect(paperHeading(paper("Ends with #"), 4)).toBe("## 4. Ends with \\#");
  });
});
