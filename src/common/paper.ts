/** One arXiv paper, as arXiv's metadata describes it. Nothing here ever comes from a model. */
export interface Author {
  name: string;
  affiliations: string[];
}

export interface Paper {
  /** Versionless id: `2411.09502` or `astro-ph/0601001`. */
  id: string;
  /** Version number from the id (`v2` → 2). */
  version: number;
  title: string;
  abstract: string;
  authors: Author[];
  categories: string[];
  primaryCategory: string;
  comment?: string;
  journalRef?: string;
  doi?: string;
  /** ISO 8601 time the first version was submitted. */
  published: string;
  /** ISO 8601 time of this version. */
  updated: string;
  links: { abs: string; pdf: string; html: string };
  /** Code and project links found in the abstract, comment or HTML page (http(s) only, allow-listed hosts). */
  codeLinks: string[];
  /** The first figure of the arXiv HTML page (only when `enrich-html` is on and the page had one). */
  figure?: { url: string; caption: string };
  /** Section headings of the arXiv HTML page, passed to the model as extra data. */
  headings?: string[];
}

/** What a summariser returns for one paper: either a summary or the reason there is none. */
export interface Summary {
  kind: "llm" | "extractive";
  tldr: string;
  takeaways: string[];
  problem?: string;
  method?: string;
  results?: string;
  limitations?: string;
  keywords?: string[];
  /** Title in the digest's language, shown beside the original (non-English digests). */
  translatedTitle?: string;
  /** Relevance to the reader's interests, 1–10 (only when interests are set and a model rated it). */
  score?: number;
  /** One line: why the model gave that score. */
  scoreReason?: string;
}

export type SummaryOutcome =
  | { ok: true; summary: Summary; usage?: TokenUsage }
  | { ok: false; reason: string; fallback?: Summary; usage?: TokenUsage };

export interface TokenUsage {
  prompt: number;
  completion: number;
}

export interface DigestEntry {
  paper: Paper;
  outcome: SummaryOutcome;
}
