// Fuzzing the Atom parser and the renderer with a fixed seed and a bounded number of cases (a few seconds in CI):
// random and mutated real feeds either parse or throw ArxivFeedError; rendering never throws and never lets raw
// HTML or a link outside the allow-list through, whatever the papers and the model's answers hold.
import { describe, expect, it } from "vitest";
import type { DigestEntry, Paper } from "../src/common/paper.js";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { ArxivFeedError, FEED_LIMITS, parseFeed } from "../src/fetch/atom.js";
import { renderDigest } from "../src/render/digest.js";
import { toSummary } from "../src/summarise/llm.js";
import { markdownProblems, outsideCode } from "./attacks/checks.js";
import { ATTACKS } from "./attacks/corpus.js";
import { fixture } from "./support/arxiv-server.js";
import { testTopic } from "./support/papers.js";
import { mulberry32 } from "./support/random.js";

const FEEDS = [
  "seed_day_2024-11-17_diffusion.xml",
  "arxiv_api_search_page.xml",
  "arxiv_api_legacy_id_1111.2011v2.xml",
  "arxiv_api_error_400.xml",
  "arxiv_api_empty.xml",
].map(fixture);

const TOKENS = [
  "<",
  ">",
  "&",
  "&amp;",
  "&#x0;",
  "&#xD800;",
  "&#1114112;",
  "&bogus;",
  "]]>",
  "<![CDATA[<img src=x>",
  "<!DOCTYPE x>",
  '<!ENTITY e "x">',
  "<?xml version='1.0'?>",
  "<entry>",
  "</entry>",
  "<title>",
  "</title>",
  "<author><name>",
  '<x:summary xmlns:x="http://www.w3.org/2005/Atom">',
  'xmlns="urn:other"',
  "<id>http://arxiv.org/abs/astro-ph/0601001v9</id>",
  "\u0000",
  "\uFFFE",
  "\u202e",
  "\u0085",
  "😀",
  ...ATTACKS.map((attack) => attack.payload),
];

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** One of: delete a slice, duplicate a slice, insert a token, truncate, swap two slices. */
function mutate(rng: Rng, text: string): string {
  const at = Math.floor(rng() * text.length);
  const span = Math.floor(rng() * 200);
  switch (Math.floor(rng() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + span);
    case 1:
      return text.slice(0, at) + text.slice(at, at + span).repeat(2) + text.slice(at + span);
    case 2:
      return text.slice(0, at) + pick(rng, TOKENS) + text.slice(at);
    case 3:
      return text.slice(0, at);
    default: {
      const other = Math.floor(rng() * text.length);
      const [a, b] = [Math.min(at, other), Math.max(at, other)];
      return text.slice(0, a) + text.slice(b, b + span) + text.slice(a + span, b) + text.slice(a, a + span);
    }
  }
}

function randomText(rng: Rng, length: number): string {
  return Array.from({ length }, () =>
    rng() < 0.3 ? pick(rng, TOKENS) : String.fromCodePoint(Math.floor(rng() * 0x3000)),
  ).join("");
}

/** Parses, or throws ArxivFeedError; anything else (or a paper breaking the parser's promises) fails the test. */
function parseOrReject(xml: string, label: string): Paper[] {
  try {
    const page = parseFeed(xml);
    for (const paper of page.papers) {
      expect(paper.links.abs, label).toMatch(/^https:\/\/arxiv\.org\/abs\//);
      expect(paper.title.length, label).toBeLessThanOrEqual(FEED_LIMITS.titleChars + 1);
      expect(paper.abstract.length, label).toBeLessThanOrEqual(FEED_LIMITS.abstractChars + 1);
    }
    return page.papers;
  } catch (error) {
    expect(error, `${label}: ${String(error)}`).toBeInstanceOf(ArxivFeedError);
    return [];
  }
}

describe("fuzzing (fixed seed, bounded)", () => {
  it("the Atom parser reads or rejects with ArxivFeedError every mutated or random feed", () => {
    const rng = mulberry32(20241117);
    for (let round = 0; round < 400; round++) {
      let xml = pick(rng, FEEDS);
      const mutations = 1 + Math.floor(rng() * 6);
      for (let step = 0; step < mutations; step++) xml = mutate(rng, xml);
      parseOrReject(xml, `mutated feed, round ${round}`);
    }
    for (let round = 0; round < 100; round++)
      parseOrReject(randomText(rng, 400), `random text, round ${round}`);
  });

  it("the renderer never throws and lets no raw HTML or foreign link through", () => {
    const rng = mulberry32(17112024);
    const real = parseFeed(FEEDS[0] as string).papers;
    for (let round = 0; round < 150; round++) {
      const papers = real.map((paper) => hostilePaper(rng, paper));
      const entries: DigestEntry[] = papers.map((paper) => ({ paper, outcome: hostileOutcome(rng) }));
      const digest = renderDigest({
        topic: testTopic({ name: randomText(rng, 20), interests: randomText(rng, 20) }),
        date: "2024-11-17",
        window: { from: new Date("2024-11-10T00:00:00Z"), to: new Date("2024-11-17T00:00:00Z") },
        entries,
        overflow: papers.slice(0, 2),
        elsewhere: [{ paper: papers[2] as Paper, topic: testTopic({ name: randomText(rng, 10) }) }],
        summarizer: { kind: "llm", model: randomText(rng, 10) },
      });
      const body = readFrontMatter(digest).content;
      expect(markdownProblems(body), `round ${round}`).toEqual([]);
      const stray = outsideCode(body).replace(/<\/?(details|summary|sub)>/g, "");
      expect(stray, `round ${round}`).not.toContain("<");
    }
  });
});

function hostilePaper(rng: Rng, paper: Paper): Paper {
  const text = () => (rng() < 0.5 ? pick(rng, TOKENS) : randomText(rng, 30));
  return {
    ...paper,
    title: `${paper.title} ${text()}`,
    abstract: `${paper.abstract} ${text()} ${text()}`,
    authors: [...paper.authors, { name: text(), affiliations: [text()] }],
    categories: [...paper.categories, text()],
    comment: text(),
    journalRef: text(),
    doi: rng() < 0.5 ? `10.1234/${text()}` : text(),
  };
}

function hostileOutcome(rng: Rng): DigestEntry["outcome"] {
  const text = () => `${randomText(rng, 10)} ${pick(rng, TOKENS)} ${randomText(rng, 10)}`;
  const summary = toSummary({
    tldr: text(),
    takeaways: [text(), text(), text()],
    problem: text(),
    method: text(),
    results: text(),
    limitations: text(),
    keywords: [text()],
    translated_title: text(),
    relevance: 1 + Math.floor(rng() * 10),
    relevance_reason: text(),
  });
  return summary ? { ok: true, summary } : { ok: false, reason: text() };
}
