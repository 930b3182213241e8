import { describe, expect, it } from "vitest";
import { parseFeed } from "../src/fetch/atom.js";
import { extractiveSummary, sentences } from "../src/summarise/extractive.js";
import { fixture } from "./support/arxiv-server.js";

describe("extractive summaries", () => {
  it("splits sentences without breaking on abbreviations, decimals or math", () => {
    expect(
      sentences("We use e.g. GANs and $x.y$ values of 0.5 in Fig. 2. Results improve by 3.2%. Done!"),
    ).toEqual(["We use e.g. GANs and $x.y$ values of 0.5 in Fig. 2.", "Results improve by 3.2%.", "Done!"]);
  });

  it("picks the contribution sentence as TL;DR and only the abstract's own sentences as takeaways", () => {
    for (const paper of parseFeed(fixture("seed_day_2024-11-17_diffusion.xml")).papers) {
      const summary = extractiveSummary(paper);
      expect(summary.kind).toBe("extractive");
      expect(paper.abstract).toContain(summary.tldr);
      expect(summary.takeaways.length).toBeLessThanOrEqual(4);
      for (const takeaway of summary.takeaways)
        expect(paper.abstract.toLowerCase()).toContain(takeaway.slice(1, 40).toLowerCase());
    }
    const golden = parseFeed(fixture("seed_day_2024-11-17_diffusion.xml")).papers.find(
      (paper) => paper.id === "2411.09502",
    );
    expect(golden && extractiveSummary(golden).tldr).toMatch(
      /^To learn golden noises|^First, we identify|we mainly make three contributions/,
    );
  });
});
