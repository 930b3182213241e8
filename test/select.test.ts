import { describe, expect, it } from "vitest";
import type { TopicConfig } from "../src/config/settings.js";
import { parseFeed } from "../src/fetch/atom.js";
import { containsPhrase, selectPapers, windowFor } from "../src/select/select.js";
import { fixture } from "./support/arxiv-server.js";

const papers = parseFeed(fixture("seed_day_2024-11-17_diffusion.xml")).papers;
const topic: TopicConfig = {
  name: "D",
  slug: "d",
  categories: [],
  keywords: [],
  exclude: [],
  maxPapers: 30,
  language: "English",
};

describe("selecting a day's papers", () => {
  it("keeps the papers with a version in the window, new versions of unpublished papers included", () => {
    const result = selectPapers(papers, topic, windowFor("2024-11-17", 7), () => false);
    expect(result.selected.map((paper) => paper.id)).toContain("2410.24006");
    expect(result.selected).toHaveLength(6);
    const narrow = selectPapers(papers, topic, windowFor("2024-11-17", 2), () => false);
    expect(narrow.selected).toHaveLength(0);
    expect(narrow.outsideWindow).toBe(6);
  });

  it("skips what was already published and caps the rest, listing the overflow", () => {
    const result = selectPapers(
      papers,
      { ...topic, maxPapers: 2 },
      windowFor("2024-11-17", 7),
      (paper) => paper.id === "2411.09502",
    );
    expect(result.alreadyPublished).toBe(1);
    expect(result.selected).toHaveLength(2);
    expect(result.overflow).toHaveLength(3);
  });

  it("applies keywords and exclusions to title and abstract, as phrases", () => {
    const result = selectPapers(
      papers,
      { ...topic, keywords: ["patch attacks", "medical image"], exclude: ["semi-supervised"] },
      windowFor("2024-11-17", 7),
      () => false,
    );
    expect(result.selected.map((paper) => paper.id)).toEqual(["2410.24006"]);
    expect(result.filteredOut).toBe(5);
  });

  it("matches phrases on word boundaries, case-insensitively, hyphen or space alike", () => {
    expect(containsPhrase("Text-to-Image diffusion", "text to image")).toBe(true);
    expect(containsPhrase("diffusions", "diffusion")).toBe(false);
    expect(containsPhrase("a (RL) agent", "rl")).toBe(true);
  });
});
