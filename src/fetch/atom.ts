import { XMLParser } from "fast-xml-parser";
import type { Author, Paper } from "../common/paper.js";
import { arxivAbsUrl, arxivHtmlUrl, arxivPdfUrl, findCodeLinks } from "../safe/link.js";

const ATOM = "http://www.w3.org/2005/Atom";
const ARXIV = "http://arxiv.org/schemas/atom";
const OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
const KNOWN_NAMESPACES: Record<string, string> = {
  [ATOM]: "",
  [ARXIV]: "arxiv:",
  [OPENSEARCH]: "opensearch:",
};

/** Caps on what one response may hold: arXiv's own limits are far below these. */
export const FEED_LIMITS = {
  bytes: 20_000_000,
  entries: 2_000,
  authors: 5_000,
  titleChars: 1_000,
  abstractChars: 10_000,
  fieldChars: 2_000,
};

export interface FeedPage {
  totalResults: number;
  startIndex: number;
  papers: Paper[];
  /** Entries that could not be read, with the reason (the page is still usable). */
  skipped: { id: string; reason: string }[];
}

export class ArxivFeedError extends Error {
  /** `retryable`: the body looks cut off or came from something in the way (worth another try); a DTD or an
   * oversized answer is not. */
  constructor(
    message: string,
    readonly arxivMessage?: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = "ArxivFeedError";
  }
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  textNodeName: "#text",
  isArray: () => true,
});

/**
 * Parses one arXiv API Atom page. Elements are matched by namespace and local name, whatever prefixes and
 * declaration style the feed uses (the current format declares namespaces once; the older one per element).
 */
export function parseFeed(xml: string): FeedPage {
  if (xml.length > FEED_LIMITS.bytes)
    throw new ArxivFeedError(`arXiv response is larger than ${FEED_LIMITS.bytes} bytes`);
  if (/^\s*(<!doctype html|<html)/i.test(xml))
    throw new ArxivFeedError(
      "arXiv answered with an HTML page, not an Atom feed (an outage, or a proxy in the way)",
      undefined,
      true,
    );
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new ArxivFeedError("arXiv response declares a DTD or entities; refusing to expand them");
  let document: XmlNode;
  try {
    document = normalise(parser.parse(xml, true) as XmlNode, {});
  } catch (error) {
    throw new ArxivFeedError(
      `arXiv response is not well-formed XML (${(error as Error).message.split("\n")[0]})`,
      undefined,
      true,
    );
  }
  const feed = first(document.feed);
  if (!feed) throw new ArxivFeedError("arXiv response is not an Atom feed", undefined, true);
  const entries = nodes(feed.entry);
  const error = entries.find((entry) => text(entry.id).includes("arxiv.org/api/errors"));
  if (error) {
    const message = collapse(text(error.summary) || text(error.title));
    throw new ArxivFeedError(`arXiv rejected the query: ${message}`, message);
  }
  if (entries.length > FEED_LIMITS.entries)
    throw new ArxivFeedError(`arXiv page holds more than ${FEED_LIMITS.entries} entries`);
  const page: FeedPage = {
    totalResults: integer(feed["opensearch:totalResults"]),
    startIndex: integer(feed["opensearch:startIndex"]),
    papers: [],
    skipped: [],
  };
  for (const entry of entries) {
    try {
      page.papers.push(paperFromEntry(entry));
    } catch (reason) {
      page.skipped.push({ id: text(entry.id).slice(0, 100), reason: (reason as Error).message });
    }
  }
  return page;
}

/** Rewrites element names to `arxiv:local`, `opensearch:local` or `local` (Atom) by resolving their prefixes. */
function normalise(node: XmlNode, inherited: Record<string, string>): XmlNode {
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("@") || key === "#text") {
      out[key] = value;
      continue;
    }
    const [prefix, local] = key.includes(":") ? (key.split(":", 2) as [string, string]) : ["", key];
    for (const element of value as unknown[]) {
      const scope =
        typeof element === "object" && element ? withDeclarations(element as XmlNode, inherited) : inherited;
      const namespace = scope[prefix];
      const mapped = namespace === undefined ? undefined : KNOWN_NAMESPACES[namespace];
      if (mapped === undefined) continue;
      const child = typeof element === "object" && element ? normalise(element as XmlNode, scope) : element;
      const name = `${mapped}${local}`;
      out[name] = [...((out[name] as unknown[]) ?? []), child];
    }
  }
  return out;
}

/** The namespace scope inside an element: its parent's plus its own `xmlns` declarations. */
function withDeclarations(element: XmlNode, inherited: Record<string, string>): Record<string, string> {
  const scope = { ...inherited };
  for (const [key, value] of Object.entries(element)) {
    if (key === "@xmlns") scope[""] = String(value);
    else if (key.startsWith("@xmlns:")) scope[key.slice(7)] = String(value);
  }
  return scope;
}

function paperFromEntry(entry: XmlNode): Paper {
  const { id, version } = parseEntryId(text(entry.id));
  const title = cap(collapse(text(entry.title)), FEED_LIMITS.titleChars);
  if (!title) throw new Error("entry has no title");
  const abstract = cap(collapse(text(entry.summary)), FEED_LIMITS.abstractChars);
  const comment = optional(entry["arxiv:comment"]);
  return {
    id,
    version,
    title,
    abstract,
    authors: nodes(entry.author)
      .slice(0, FEED_LIMITS.authors)
      .map(authorFrom)
      .filter((author) => author.name),
    categories: unique(
      nodes(entry.category)
        .map((category) => String(category["@term"] ?? ""))
        .filter(Boolean),
    ),
    primaryCategory: String(first(entry["arxiv:primary_category"])?.["@term"] ?? ""),
    comment,
    journalRef: optional(entry["arxiv:journal_ref"]),
    doi: optional(entry["arxiv:doi"]),
    published: timestamp(text(entry.published)),
    updated: timestamp(text(entry.updated) || text(entry.published)),
    links: {
      abs: arxivAbsUrl(id),
      pdf: arxivPdfUrl(id, version),
      html: arxivHtmlUrl(id, version),
    },
    codeLinks: findCodeLinks(abstract, comment),
  };
}

function authorFrom(author: XmlNode): Author {
  return {
    name: cap(collapse(text(author.name)), 300),
    // Text-only elements parse to strings, elements with attributes (older feeds) to objects: keep both.
    affiliations: (Array.isArray(author["arxiv:affiliation"])
      ? (author["arxiv:affiliation"] as unknown[])
      : []
    )
      .map((affiliation) => cap(collapse(textOf(affiliation)), 300))
      .filter(Boolean),
  };
}

/** `http://arxiv.org/abs/2411.09502v1` → `2411.09502`, 1; old style `…/abs/astro-ph/0601001v2` too. */
export function parseEntryId(raw: string): { id: string; version: number } {
  const match = /arxiv\.org\/abs\/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v(\d+))?$/.exec(
    raw.trim(),
  );
  if (!match?.[1]) throw new Error("entry id is not an arXiv abstract URL");
  return { id: match[1], version: Number(match[2] ?? 1) };
}

function timestamp(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error("entry has no valid published time");
  return new Date(time).toISOString();
}

function nodes(value: unknown): XmlNode[] {
  return Array.isArray(value)
    ? value.filter((item): item is XmlNode => typeof item === "object" && item !== null)
    : [];
}

function first(value: unknown): XmlNode | undefined {
  return nodes(value)[0];
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") return textOf((value as XmlNode)["#text"]);
  return "";
}

function text(value: unknown): string {
  return Array.isArray(value) ? textOf(value[0]) : textOf(value);
}

function optional(value: unknown): string | undefined {
  return cap(collapse(text(value)), FEED_LIMITS.fieldChars) || undefined;
}

function integer(value: unknown): number {
  const number = Number.parseInt(text(value), 10);
  return Number.isFinite(number) ? number : 0;
}

export function collapse(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function cap(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
