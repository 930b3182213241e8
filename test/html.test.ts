import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  applyAffiliations,
  type Enrichment,
  emptyEnrichment,
  HTML_LIMITS,
  hasEnrichment,
  looksLikeAffiliation,
  parseArxivHtml,
  resolveFigureUrl,
} from "../src/enrich/html-page.js";
import { decodeEntities } from "../src/enrich/html-tokens.js";
import { mulberry32 } from "./support/random.js";

const PAGE = "https://arxiv.org/html/2410.00260v2";
const FIXTURE = readFileSync(
  new URL("./fixtures/arxiv/arxiv_html_2410.00260v2_trimmed.html", import.meta.url),
  "utf8",
);
const FIGURE_URL = "https://arxiv.org/html/2410.00260v2/latex/fig1_new.png";
const CAPTION = "DoPAMine components for automated and scalable mining of domain specific data";
const CO_AUTHORS =
  "Sai Nikhil Thirandas, Darren Yow-Bang Wang, Graham Horwood, Alex Anto Chirayath, Gouri Pandeshwar";
const EMAILS = "{varannil, sbhabesh, nnarwal, saintamz, ybwang, ghorwood, alexchir, gpandesh}@amazon.com";

const full = parseArxivHtml(FIXTURE, PAGE);

function page(body: string): string {
  return `<!DOCTYPE html><html><body><article class="ltx_document">${body}</article></body></html>`;
}

function figure(src: string, caption = "A caption"): string {
  return `<figure class="ltx_figure"><img src="${src}" class="ltx_graphics"><figcaption class="ltx_caption"><span class="ltx_tag ltx_tag_figure">Figure 1: </span>${caption}</figcaption></figure>`;
}

function section(title: string, n: number): string {
  return `<section class="ltx_section"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">${n} </span>${title}</h2><p>x</p></section>`;
}

function author(name: string, affiliation: string): string {
  return `<span class="ltx_creator ltx_role_author"><span class="ltx_personname">${name}</span><span class="ltx_author_notes"><span class="ltx_contact ltx_role_affiliation"><span class="ltx_contact_name">Affiliation: </span>${affiliation}</span></span></span>`;
}

function authors(...creators: string[]): string {
  return `<div class="ltx_authors">${creators.join("")}</div>`;
}

function isPrefix<T>(part: T[], whole: T[]): boolean {
  return (
    part.length <= whole.length && part.every((item, i) => JSON.stringify(item) === JSON.stringify(whole[i]))
  );
}

/** Everything a (possibly mutated) page yields must still satisfy the output contract. */
function expectContract(result: Enrichment): void {
  expect(result.headings.length).toBeLessThanOrEqual(HTML_LIMITS.maxHeadings);
  for (const heading of result.headings) {
    expect(heading.length).toBeGreaterThan(0);
    expect(heading.length).toBeLessThanOrEqual(HTML_LIMITS.maxHeadingChars);
  }
  for (const entry of result.affiliations) {
    expect(entry.name.length).toBeLessThanOrEqual(HTML_LIMITS.maxNameChars);
    for (const affiliation of entry.affiliations) expect(looksLikeAffiliation(affiliation)).toBe(true);
  }
  if (result.figure) {
    expect(result.figure.url.startsWith("https://arxiv.org/html/2410.00260v2/")).toBe(true);
    expect(result.figure.caption.length).toBeLessThanOrEqual(HTML_LIMITS.maxCaptionChars);
  }
}

describe("parseArxivHtml on the real 2410.00260v2 page", () => {
  it("resolves the relative figure src against the page URL and keeps the caption without its tag", () => {
    expect(full.figure).toEqual({ url: FIGURE_URL, caption: CAPTION });
  });

  it("resolves the same figure when the page URL has a trailing slash", () => {
    expect(parseArxivHtml(FIXTURE, `${PAGE}/`).figure?.url).toBe(FIGURE_URL);
  });

  it("lists the authors and keeps only the genuine affiliation", () => {
    expect(full.affiliations).toEqual([
      { name: "Vinayak Arannil", affiliations: [] },
      { name: "Neha Narwal", affiliations: ["AWS AI"] },
      { name: "Sourav Sanjukta Bhabesh", affiliations: [] },
    ]);
  });

  it("never returns the co-author list or the e-mails as affiliations", () => {
    const shown = full.affiliations.flatMap((entry) => entry.affiliations).join(" | ");
    expect(shown).not.toContain("Thirandas");
    expect(shown).not.toContain("@");
    expect(looksLikeAffiliation(CO_AUTHORS)).toBe(false);
    expect(looksLikeAffiliation(EMAILS)).toBe(false);
  });

  it("returns the section titles in order without numbers, ignoring the TOC and the abstract", () => {
    expect(full.headings).toEqual(["Introduction", "Methodology"]);
  });

  it("counts as enrichment", () => {
    expect(hasEnrichment(full)).toBe(true);
  });
});

describe("looksLikeAffiliation", () => {
  it.each([
    "AWS AI",
    "Stanford University",
    "Max-Planck-Institut für Informatik",
    "Université Paris-Saclay, CNRS",
    "École Polytechnique",
    "东京大学",
    "中国科学院自动化研究所",
    "Google DeepMind",
    "NVIDIA",
    "Microsoft Research Asia",
    "Department of Physics, ETH Zürich",
    "Dept. of Computer Science, Tsinghua University, Beijing, China",
    "Amazon Web Services, Seattle, USA",
    "Acme Widgets, Lyon, France",
  ])("accepts %s", (text) => {
    expect(looksLikeAffiliation(text)).toBe(true);
  });

  it.each([
    CO_AUTHORS,
    EMAILS,
    "jane.doe@stanford.edu",
    "jane [at] stanford.edu",
    "https://lab.example.org",
    "www.example.org",
    "John Smith",
    "John Smith II",
    "Alice Smith and Bob van der Berg",
    "August 24, 2026",
    "These authors contributed equally to this work.",
    "AI",
    "",
    "   ",
    `University of ${"Very ".repeat(60)}Long Names`,
  ])("rejects %j", (text) => {
    expect(looksLikeAffiliation(text)).toBe(false);
  });
});

describe("resolveFigureUrl", () => {
  it.each([
    ["2410.00260v2/latex/fig1_new.png", FIGURE_URL],
    ["/html/2410.00260v2/x1.png", "https://arxiv.org/html/2410.00260v2/x1.png"],
    ["2410.00260v2/x1.png?track=1#frag", "https://arxiv.org/html/2410.00260v2/x1.png"],
  ])("accepts %s", (src, expected) => {
    expect(resolveFigureUrl(src, PAGE)).toBe(expected);
  });

  it("accepts any version when the page URL has none", () => {
    expect(resolveFigureUrl("2410.00260v2/x1.png", "https://arxiv.org/html/2410.00260")).toBe(
      "https://arxiv.org/html/2410.00260v2/x1.png",
    );
  });

  it.each([
    "https://evil.example/x.png",
    "//evil.example/x.png",
    "\\\\evil.example\\x.png",
    "javascript:alert(1)//.png",
    "data:image/png;base64,AAAA",
    "http://arxiv.org/html/2410.00260v2/x1.png",
    "https://arxiv.org:8443/html/2410.00260v2/x1.png",
    "https://arxiv.org@evil.example/html/2410.00260v2/x1.png",
    "https://user@arxiv.org/html/2410.00260v2/x1.png",
    "https://arxiv.org.evil.example/html/2410.00260v2/x1.png",
    "../../abs/x.png",
    "2410.00260v2/../../pdf/x.png",
    "2410.00260v2/%2e%2e/%2e%2e/x.png",
    "2410.00260v1/x1.png",
    "2410.002601/x1.png",
    "2501.00001v1/x1.png",
    "2410.00260v2/latex/fig1_new.html",
    "",
  ])("rejects %j", (src) => {
    expect(resolveFigureUrl(src, PAGE)).toBeUndefined();
  });

  it.each([
    "https://evil.example/html/2410.00260v2",
    "http://arxiv.org/html/2410.00260v2",
    "https://arxiv.org/abs/2410.00260v2",
    "https://arxiv.org/html/../etc",
    "not a url",
  ])("rejects every src when the page URL is %j", (pageUrl) => {
    expect(resolveFigureUrl("2410.00260v2/latex/fig1_new.png", pageUrl)).toBeUndefined();
  });
});

describe("parseArxivHtml on hostile, broken and odd input", () => {
  it("gives empty enrichment for an empty string", () => {
    expect(parseArxivHtml("", PAGE)).toEqual(emptyEnrichment());
    expect(hasEnrichment(parseArxivHtml("", PAGE))).toBe(false);
  });

  it("gives empty enrichment for a 404-like page", () => {
    const notFound =
      '<!DOCTYPE html><html><head><title>404</title></head><body><h1>No HTML for \'2410.00260v2\'</h1><p>HTML is not available for the source. <a href="/abs/2410.00260v2">abs</a></p><img src="/static/404.png"></body></html>';
    expect(parseArxivHtml(notFound, PAGE)).toEqual(emptyEnrichment());
  });

  it.each([
    "https://evil.example/x.png",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)//x.png",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "//evil.example/2410.00260v2/x.png",
  ])("drops the figure but keeps the rest when the img src is %j", (src) => {
    const hostile = FIXTURE.replace('src="2410.00260v2/latex/fig1_new.png"', `src="${src}"`);
    expect(hostile).not.toBe(FIXTURE);
    const result = parseArxivHtml(hostile, PAGE);
    expect(result.figure).toBeUndefined();
    expect(result.headings).toEqual(full.headings);
    expect(result.affiliations).toEqual(full.affiliations);
  });

  it("skips a hostile figure and takes the next valid one", () => {
    const html = page(figure("https://evil.example/x.png", "Evil") + figure("2410.00260v2/x2.png", "Good"));
    expect(parseArxivHtml(html, PAGE).figure).toEqual({
      url: "https://arxiv.org/html/2410.00260v2/x2.png",
      caption: "Good",
    });
  });

  it("gives no figure when the page URL is not an arXiv HTML page", () => {
    expect(parseArxivHtml(FIXTURE, "https://evil.example/html/2410.00260v2").figure).toBeUndefined();
  });

  it("keeps everything cut off by truncation out, and what remains is a prefix of the full result", () => {
    const cuts = [...Array(FIXTURE.length + 1).keys()];
    for (const cut of cuts) {
      const part = parseArxivHtml(FIXTURE.slice(0, cut), PAGE);
      expect(part.figure === undefined || JSON.stringify(part.figure) === JSON.stringify(full.figure)).toBe(
        true,
      );
      expect(isPrefix(part.headings, full.headings)).toBe(true);
      expect(isPrefix(part.affiliations, full.affiliations)).toBe(true);
    }
    expect(parseArxivHtml(FIXTURE.slice(0, FIXTURE.length / 2), PAGE)).toEqual({
      affiliations: full.affiliations,
      headings: [],
    });
  });

  it("takes no figure whose caption or img tag was cut off", () => {
    const inCaption = FIXTURE.indexOf("automated and scalable mining");
    const inImg = FIXTURE.indexOf('id="S1.F1.g1"');
    expect(parseArxivHtml(FIXTURE.slice(0, inCaption), PAGE).figure).toBeUndefined();
    expect(parseArxivHtml(FIXTURE.slice(0, inImg), PAGE).figure).toBeUndefined();
  });

  it("survives a few hundred seeded random mutations of the fixture", () => {
    const random = mulberry32(0x9e3779b9);
    for (let i = 0; i < 400; i++) {
      const mutated = mutate(FIXTURE, random, 1 + Math.floor(random() * 4));
      expectContract(parseArxivHtml(mutated, PAGE));
    }
  });

  it("does not run or keep scripts, styles or comments", () => {
    const html = page(
      section("Intro<script>alert('x')</script><style>h2{}</style><!-- hidden --><title>t</title>", 1),
    );
    expect(parseArxivHtml(html, PAGE).headings).toEqual(["Intro"]);
  });

  it("decodes basic and numeric entities, and drops control and bidi characters", () => {
    const html = page(
      figure("2410.00260v2/x1.png", "A &amp; B &lt;i&gt; &#x41;&#66; &#0;&#x202E; &unknown; \u0085 end"),
    );
    expect(parseArxivHtml(html, PAGE).figure?.caption).toBe("A & B <i> AB \ufffd &unknown; end");
    expect(decodeEntities("&#1114112;&#xD800;&nbsp;")).toBe("\ufffd\ufffd\u00a0");
  });

  it("caps headings and caption length", () => {
    const sections = Array.from({ length: 30 }, (_, i) => section(`Part ${i + 1}`, i + 1)).join("");
    const result = parseArxivHtml(page(figure("2410.00260v2/x1.png", "word ".repeat(200)) + sections), PAGE);
    expect(result.headings).toHaveLength(HTML_LIMITS.maxHeadings);
    expect(result.headings[11]).toBe("Part 12");
    expect(result.figure?.caption.length).toBe(HTML_LIMITS.maxCaptionChars);
    expect(result.figure?.caption.endsWith("\u2026")).toBe(true);
  });

  it("uses math alttext, and drops footnotes from headings", () => {
    const title =
      'Bounds on <math alttext="O(n\\log n)"><mi>O</mi><mo>(</mo></math> sorting<span class="ltx_note"><sup>1</sup>note</span>';
    expect(parseArxivHtml(page(section(title, 3)), PAGE).headings).toEqual(["Bounds on O(n\\log n) sorting"]);
  });

  it("takes the caption of the outer figure, not of a sub-figure, and the first image", () => {
    const inner = (n: number) =>
      `<figure class="ltx_figure ltx_figure_panel"><img src="2410.00260v2/x${n}.png"><figcaption class="ltx_caption">(${n}) panel</figcaption></figure>`;
    const html = page(
      `<figure class="ltx_figure">${inner(1)}${inner(2)}<figcaption class="ltx_caption">Both panels</figcaption></figure>`,
    );
    expect(parseArxivHtml(html, PAGE).figure).toEqual({
      url: "https://arxiv.org/html/2410.00260v2/x1.png",
      caption: "Both panels",
    });
  });

  it("ignores algorithm floats and figures without an image", () => {
    const html = page(
      '<figure class="ltx_float ltx_float_algorithm"><img src="2410.00260v2/alg.png"><figcaption>Alg</figcaption></figure><figure class="ltx_figure"><svg><text>tikz</text></svg><figcaption>No image</figcaption></figure>',
    );
    expect(parseArxivHtml(html, PAGE).figure).toBeUndefined();
  });

  it("reads affiliation lines put in the person name with \\\\ and keeps strangers out of the author block", () => {
    const html = page(
      authors(
        author(
          "Ada Lovelace<br class='ltx_break'>Department of Mathematics<br>University of London<br>ada@london.ac.uk",
          "",
        ),
        author("Alan Turing<sup>1</sup>", "Bletchley Park Research Station"),
      ) + author("Not An Author", "Somewhere University"),
    );
    expect(parseArxivHtml(html, PAGE).affiliations).toEqual([
      { name: "Ada Lovelace", affiliations: ["Department of Mathematics, University of London"] },
      { name: "Alan Turing", affiliations: ["Bletchley Park Research Station"] },
    ]);
  });

  it("survives deep nesting, stray end tags, unclosed quotes and huge input", () => {
    // Past the depth cap elements are not tracked; whatever is still recognised must meet the contract.
    const deep = parseArxivHtml("<span>".repeat(100_000) + FIXTURE, PAGE);
    expectContract(deep);
    expect(deep.affiliations).toEqual([]);
    expect(parseArxivHtml("<span>".repeat(HTML_LIMITS.maxDepth - 20) + FIXTURE, PAGE)).toEqual(full);
    expectContract(parseArxivHtml(`</section></div></figure>${FIXTURE}`, PAGE));
    expect(parseArxivHtml(`${FIXTURE.slice(0, 3000)}<img src="x`, PAGE).figure).toBeUndefined();
    const huge = FIXTURE + "<p>filler</p>".repeat(600_000);
    expect(huge.length).toBeGreaterThan(HTML_LIMITS.maxInputChars);
    expect(parseArxivHtml(huge, PAGE)).toEqual(full);
  });

  it("caps the number of authors and reads sections titled by h3", () => {
    const many = Array.from({ length: 150 }, (_, i) => author(`Author Number${i}`, "Some University"));
    const html = page(authors(...many) + section("Intro", 1).replaceAll("h2", "h3"));
    const result = parseArxivHtml(html, PAGE);
    expect(result.affiliations).toHaveLength(HTML_LIMITS.maxAuthors);
    expect(result.affiliations[99]).toEqual({ name: "Author Number99", affiliations: ["Some University"] });
    expect(result.headings).toEqual(["Intro"]);
  });
});

describe("applyAffiliations", () => {
  it("fills only authors without metadata affiliations, matching names loosely", () => {
    const merged = applyAffiliations(
      [
        { name: "Vinayak Arannil", affiliations: [] },
        { name: "NEHA  NARWAL", affiliations: [] },
        { name: "Sourav Sanjukta Bhabesh", affiliations: ["Amazon"] },
      ],
      {
        affiliations: [
          { name: "Neha Narwal", affiliations: ["AWS AI"] },
          { name: "Sourav Sanjukta Bhabesh", affiliations: ["Elsewhere University"] },
        ],
        headings: [],
      },
    );
    expect(merged).toEqual([
      { name: "Vinayak Arannil", affiliations: [] },
      { name: "NEHA  NARWAL", affiliations: ["AWS AI"] },
      { name: "Sourav Sanjukta Bhabesh", affiliations: ["Amazon"] },
    ]);
  });

  it("matches names that differ only in accents", () => {
    const merged = applyAffiliations([{ name: "Benjamin Remy", affiliations: [] }], {
      affiliations: [{ name: "Benjamin Rémy", affiliations: ["CEA Saclay"] }],
      headings: [],
    });
    expect(merged[0]?.affiliations).toEqual(["CEA Saclay"]);
  });
});

const SNIPPETS = [
  "<",
  ">",
  '"',
  "'",
  "</span>",
  "</figure>",
  "</section>",
  "<!--",
  "-->",
  "<script>",
  '<figure class="ltx_figure">',
  '<img src="https://evil.example/x.png">',
  '<img src="javascript:alert(1)">',
  '<span class="ltx_contact ltx_role_affiliation">',
  '<h2 class="ltx_title ltx_title_section">',
  "&#0;",
  "&#x110000;",
  "&amp",
  "\u0000",
  "\u202e",
  '<math alttext="',
];

/** A random index, half the time at a tag boundary, where parsers are most fragile. */
function position(text: string, random: () => number): number {
  const at = Math.floor(random() * text.length);
  if (random() < 0.5) return at;
  const boundary = text.indexOf(random() < 0.5 ? "<" : ">", at);
  return boundary === -1 ? at : boundary + Math.floor(random() * 3);
}

function mutate(text: string, random: () => number, times: number): string {
  let out = text;
  for (let i = 0; i < times; i++) {
    const at = position(out, random);
    const span = Math.floor(random() * 200);
    const op = Math.floor(random() * 4);
    const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)] ?? "";
    if (op === 0) out = out.slice(0, at) + out.slice(at + span);
    else if (op === 1) out = out.slice(0, at) + snippet + out.slice(at);
    else if (op === 2) out = out.slice(0, at) + out.slice(at, at + span).repeat(3) + out.slice(at);
    else out = out.slice(at) + out.slice(0, at);
  }
  return out;
}
