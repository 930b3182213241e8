import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../src/common/paper.js";
import { createHtmlEnricher, withEnrichment } from "../src/enrich/enricher.js";
import { pageCodeLinks } from "../src/enrich/html-links.js";
import { Pacer } from "../src/fetch/pacer.js";
import { renderDigest } from "../src/render/digest.js";
import { extractiveSummary } from "../src/summarise/extractive.js";
import { buildMessages, DEFAULT_PROMPT_TEMPLATE, parsePromptTemplate } from "../src/summarise/prompt.js";
import { type HtmlServer, recordedPageOnly, startHtmlServer } from "./support/html-server.js";
import { memoryLog } from "./support/log.js";
import { testPaper, testTopic } from "./support/papers.js";
import { runSeedDay, SEED_DAY_DIGEST, seedDayArxiv } from "./support/seed-day.js";

const FIGURE_URL = "https://arxiv.org/html/2410.00260v2/latex/fig1_new.png";
const CAPTION = "DoPAMine components for automated and scalable mining of domain specific data";
const CO_AUTHORS = ["Sai Nikhil Thirandas", "Darren Yow-Bang Wang", "Gouri Pandeshwar"];

/** 2410.00260v2 as the API lists it: the page's authors, none with an affiliation. */
const DOPAMINE = testPaper(0, {
  id: "2410.00260",
  version: 2,
  title: "DoPAMine: Domain-specific Pre-training Adaptation from seed-guided data Mining",
  authors: ["Vinayak Arannil", "Neha Narwal", "Sourav Sanjukta Bhabesh"].map((name) => ({
    name,
    affiliations: [],
  })),
  links: {
    abs: "https://arxiv.org/abs/2410.00260",
    pdf: "https://arxiv.org/pdf/2410.00260v2",
    html: "https://arxiv.org/html/2410.00260v2",
  },
});

let html: HtmlServer;
beforeAll(async () => {
  html = await startHtmlServer(recordedPageOnly);
});
afterAll(() => html.close());
afterEach(() => {
  html.requests.length = 0;
});

function enricher(maxPages = 30) {
  return createHtmlEnricher({ baseUrl: html.url, pacer: new Pacer(0), maxPages });
}

function digestOf(paper: Paper): string {
  return renderDigest({
    topic: testTopic(),
    date: "2024-10-02",
    window: { from: new Date("2024-09-25T00:00:00Z"), to: new Date("2024-10-02T00:00:00Z") },
    entries: [{ paper, outcome: { ok: true, summary: extractiveSummary(paper) } }],
    overflow: [],
    elsewhere: [],
    summarizer: { kind: "extractive" },
  });
}

describe("enrichment from the recorded arXiv HTML page", () => {
  it("shows the first figure at its absolute arxiv.org address, with its caption", async () => {
    const [paper] = await enricher().enrich([DOPAMINE], memoryLog());
    const digest = digestOf(paper as Paper);
    expect(html.requests.map((request) => request.page)).toEqual(["2410.00260v2"]);
    expect(digest).toContain(`![Figure 1: ${CAPTION}](${FIGURE_URL})`);
    const images = [...digest.matchAll(/!\[[^\]]*\]\(([^)]*)\)/g)].map((match) => match[1]);
    expect(images).toEqual([FIGURE_URL]);
  });

  it("adds real affiliations but never co-author names or e-mail addresses", async () => {
    const [paper] = await enricher().enrich([DOPAMINE], memoryLog());
    const digest = digestOf(paper as Paper);
    expect(digest).toContain("**Authors:** Vinayak Arannil, Neha Narwal (AWS AI), Sourav Sanjukta Bhabesh\n");
    for (const name of CO_AUTHORS) expect(digest).not.toContain(name);
    expect(digest).not.toMatch(/amazon\.com|varannil/);
  });

  it("keeps an affiliation arXiv's metadata already gives", async () => {
    const listed = { ...DOPAMINE, authors: [{ name: "Neha Narwal", affiliations: ["Listed Univ."] }] };
    const [paper] = await enricher().enrich([listed], memoryLog());
    expect(paper?.authors).toEqual([{ name: "Neha Narwal", affiliations: ["Listed Univ."] }]);
  });

  it("passes the section headings to the model inside the <paper> block", async () => {
    const [paper] = await enricher().enrich([DOPAMINE], memoryLog());
    expect(paper?.headings?.length).toBeGreaterThan(0);
    const [, user] = buildMessages(parsePromptTemplate(DEFAULT_PROMPT_TEMPLATE), paper as Paper, {
      language: "English",
      responseFormat: "json_schema",
    });
    const block = user?.content.match(/<paper>[\s\S]*<\/paper>/)?.[0] ?? "";
    expect(block).toContain(`<headings>${paper?.headings?.join("; ")}</headings>`);
  });

  it("treats a 404 as no enrichment: the paper unchanged, one neutral log line, no warning", async () => {
    const other = testPaper(1);
    const log = memoryLog();
    const result = await enricher().enrich([other], log);
    expect(result).toEqual([other]);
    expect(log.lines.filter((line) => line.startsWith("warning"))).toEqual([]);
    expect(log.lines).toEqual([
      `arXiv HTML pages: 0 of 1 papers enriched; none for 1 (${other.id} HTTP 404)`,
    ]);
  });

  it("fetches at most max-html-pages pages in a run and says how many it left", async () => {
    const log = memoryLog();
    const papers = [DOPAMINE, testPaper(1), testPaper(2)];
    const result = await enricher(1).enrich(papers, log);
    expect(html.requests).toHaveLength(1);
    expect(result.slice(1)).toEqual(papers.slice(1));
    expect(log.lines[0]).toContain("2 not fetched (max-html-pages 1 reached)");
  });
});

describe("code links from the page", () => {
  const page = `<header><a href="https://github.com/arXiv/html_feedback">Report</a></header>
<article class="ltx_document"><p>Code: <a class="ltx_ref ltx_url" href="https://github.com/org/tool">here</a>,
<a href="https://evil.example/x">x</a> <a href="https://org.github.io/tool/#demo">demo</a>
<a href="https://github.com/org/tool/">again</a></p>
<section class="ltx_section"><a href="https://huggingface.co/org/model">weights</a></section>
<section class="ltx_bibliography"><a href="https://github.com/someone/else">[3]</a></section></article>
<footer><a href="https://gitlab.com/arxiv/x">x</a></footer>`;

  it("takes allow-listed links from the paper body only, not arXiv's chrome or the bibliography", () => {
    expect(pageCodeLinks(page)).toEqual([
      "https://github.com/org/tool",
      "https://org.github.io/tool",
      "https://huggingface.co/org/model",
    ]);
  });

  it("survives closing tags named like Object's own properties (an author-controlled page)", () => {
    const hostile = page
      .replace("<footer>", "</constructor></toString><footer>")
      .replace("<p>Code:", "</__proto__><p>Code:");
    expect(pageCodeLinks(hostile)).toEqual(pageCodeLinks(page));
  });

  it("merges them with the metadata's code links without duplicates", () => {
    const paper = testPaper(0, { codeLinks: ["https://github.com/org/tool"] });
    const enriched = withEnrichment(paper, { affiliations: [], headings: [] }, pageCodeLinks(page));
    expect(enriched.codeLinks).toEqual([
      "https://github.com/org/tool",
      "https://org.github.io/tool",
      "https://huggingface.co/org/model",
    ]);
  });
});

describe("a run with enrich-html", () => {
  const arxiv = seedDayArxiv();

  it("spaces API and HTML requests together by arxiv-interval-ms, and a 404 page is not an error", async () => {
    const log = memoryLog();
    const { report, workspace } = await runSeedDay(
      arxiv.server.url,
      {
        summarize: "extractive",
        "arxiv-interval-ms": "250",
        "enrich-html": "true",
        "html-base-url": html.url,
      },
      log,
    );
    expect(report.papers).toBe(6);
    expect(html.requests).toHaveLength(6);
    const times = [...arxiv.server.requests, ...html.requests]
      .map((request) => request.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(7);
    for (let index = 1; index < times.length; index++)
      expect((times[index] as number) - (times[index - 1] as number)).toBeGreaterThanOrEqual(245);
    expect(log.lines.filter((line) => line.startsWith("warning"))).toEqual([]);
    expect(log.lines.filter((line) => line.startsWith("arXiv HTML pages"))).toHaveLength(1);
    const digest = await readFile(join(workspace, SEED_DAY_DIGEST), "utf8");
    expect(digest).not.toContain("![");
  });
});
