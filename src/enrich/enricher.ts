// Richer entries from arXiv's HTML full text: affiliations for authors the API gave none, the first figure, section
// headings for the prompt and code links from the paper body. Best effort by design: a page that is missing, slow or
// cut off leaves its paper exactly as the API described it.

import type { Log } from "../common/log.js";
import type { Paper } from "../common/paper.js";
import type { Pacer } from "../fetch/pacer.js";
import { arxivHtmlUrl } from "../safe/link.js";
import { logText } from "../safe/log.js";
import { fetchHtmlPage } from "./html-client.js";
import { pageCodeLinks } from "./html-links.js";
import { applyAffiliations, type Enrichment, hasEnrichment, parseArxivHtml } from "./html-page.js";

export interface HtmlEnricherOptions {
  /** `https://arxiv.org/html` or a local server in tests; the page is `<baseUrl>/<id>v<version>`. */
  baseUrl: string;
  /** The arXiv API client's pacer: HTML pages and API pages share arXiv's request interval. */
  pacer: Pacer;
  /** Most pages fetched in the whole run. */
  maxPages: number;
  timeoutMs?: number;
}

/** Adds what a paper's HTML page holds; never throws, never drops or reorders papers. */
export interface PaperEnricher {
  enrich(papers: Paper[], log: Log): Promise<Paper[]>;
}

interface Tally {
  enriched: number;
  missing: string[];
  overCap: number;
}

export function createHtmlEnricher(options: HtmlEnricherOptions): PaperEnricher {
  let fetched = 0;
  return {
    async enrich(papers, log) {
      const tally: Tally = { enriched: 0, missing: [], overCap: 0 };
      const out: Paper[] = [];
      for (const paper of papers) {
        if (fetched >= options.maxPages) {
          tally.overCap++;
          out.push(paper);
          continue;
        }
        fetched++;
        out.push(await enrichOne(paper, options, tally));
      }
      log.info(summaryLine(papers.length, tally, options.maxPages));
      return out;
    },
  };
}

async function enrichOne(paper: Paper, options: HtmlEnricherOptions, tally: Tally): Promise<Paper> {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/${encodeURI(paper.id)}v${paper.version}`;
  const page = await fetchHtmlPage(url, { pacer: options.pacer, timeoutMs: options.timeoutMs });
  if (!page.ok) {
    tally.missing.push(`${paper.id} ${page.reason}`);
    return paper;
  }
  // The parser resolves figures against the canonical arxiv.org address, never against the server it came from.
  const enrichment = parseArxivHtml(page.html, arxivHtmlUrl(paper.id, paper.version));
  const links = pageCodeLinks(page.html);
  if (!hasEnrichment(enrichment) && !links.length) {
    tally.missing.push(`${paper.id} nothing usable`);
    return paper;
  }
  tally.enriched++;
  return withEnrichment(paper, enrichment, links);
}

/** The paper with the page's additions; metadata from the API always wins. */
export function withEnrichment(paper: Paper, enrichment: Enrichment, links: string[]): Paper {
  const enriched: Paper = {
    ...paper,
    authors: applyAffiliations(paper.authors, enrichment),
    codeLinks: [...new Set([...paper.codeLinks, ...links])],
  };
  if (enrichment.figure) enriched.figure = { ...enrichment.figure };
  if (enrichment.headings.length) enriched.headings = [...enrichment.headings];
  return enriched;
}

function summaryLine(total: number, tally: Tally, maxPages: number) {
  const missing = tally.missing.length
    ? `; none for ${tally.missing.length} (${tally.missing.slice(0, 5).join(", ")}${tally.missing.length > 5 ? ", …" : ""})`
    : "";
  const capped = tally.overCap ? `; ${tally.overCap} not fetched (max-html-pages ${maxPages} reached)` : "";
  return logText`arXiv HTML pages: ${tally.enriched} of ${total} papers enriched${missing}${capped}`;
}
