// Enrichment from arXiv's LaTeXML HTML full text (https://arxiv.org/html/<id>vN): author affiliations, the first
// figure and the section headings. The page is author-controlled, so everything is bounded, validated, and a
// truncated or malformed page gives partial or empty enrichment rather than an error.
import type { Author } from "../common/paper.js";
import { INVISIBLE_OR_CONTROL } from "../safe/chars.js";
import { isArxivId } from "../safe/link.js";
import { looksLikeAffiliation } from "./affiliation.js";
import { type Token, tokenize } from "./html-tokens.js";

export { looksLikeAffiliation } from "./affiliation.js";

export interface HtmlFigure {
  /** Absolute `https://arxiv.org/html/<id>vN/…` image URL. */
  url: string;
  /** Caption text without its "Figure 1:" tag, whitespace-collapsed, at most 300 characters. */
  caption: string;
}

export interface Enrichment {
  /** Authors in page order, each with only the page affiliations that passed `looksLikeAffiliation`. */
  affiliations: Author[];
  figure?: HtmlFigure;
  /** Top-level section titles in page order, without their numbers. */
  headings: string[];
}

export const HTML_LIMITS = {
  maxInputChars: 5_000_000,
  maxTokens: 500_000,
  maxDepth: 256,
  maxAuthors: 100,
  maxAffiliationsPerAuthor: 5,
  maxNameChars: 120,
  maxHeadings: 12,
  maxHeadingChars: 150,
  maxCaptionChars: 300,
  maxBufferChars: 4096,
} as const;

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|svg|webp)$/i;
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

// Context flags, inherited by descendants.
const AUTHORS = 1;
const CREATOR = 2;
const NAME = 4;
const AFFILIATION = 8;
const FIGURE = 16;
const SUBFIGURE = 32;
const CAPTION = 64;
const SECTION = 128;
const HEADING = 256;
const SKIP = 512;

type Role = "creator" | "affiliation" | "figure" | "caption" | "heading";

interface Frame {
  name: string;
  flags: number;
  role?: Role;
}

interface PendingAuthor {
  name: string;
  candidates: string[];
}

interface PendingFigure {
  url?: string;
  caption: string;
  captionDone: boolean;
}

interface State {
  base?: URL;
  stack: Frame[];
  authors: Author[];
  author?: PendingAuthor;
  affiliation: string;
  figure?: PendingFigure;
  found?: HtmlFigure;
  heading: string;
  headings: string[];
}

/** Whitespace-collapsed text without control, zero-width or bidi-override characters. */
function cleanText(text: string): string {
  return text.replace(INVISIBLE_OR_CONTROL, " ").replace(/\s+/g, " ").trim();
}

function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}\u2026`;
}

function append(buffer: string, text: string): string {
  const room = HTML_LIMITS.maxBufferChars - buffer.length;
  return room > 0 ? buffer + text.slice(0, room) : buffer;
}

/** Non-empty lines of a buffer in which `<br>` became "\n". */
function lines(buffer: string): string[] {
  return buffer.split("\n").map(cleanText).filter(Boolean);
}

/**
 * The page URL as a resolution base, if it is an arXiv HTML page (`https://arxiv.org/html/<id>[vN]`). A trailing
 * slash is dropped: arXiv serves pages without one and writes image paths relative to that (`<id>vN/x.png`).
 */
function pageBase(pageUrl: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  url.search = "";
  url.hash = "";
  return pagePaper(url) ? url : undefined;
}

/** `{ id, version }` of an `https://arxiv.org/html/<id>[vN]` URL. */
function pagePaper(url: URL): { id: string; version?: string } | undefined {
  if (url.protocol !== "https:" || url.hostname !== "arxiv.org" || url.port || url.username || url.password) {
    return undefined;
  }
  const match = /^\/html\/(.+?)(v\d+)?$/.exec(url.pathname);
  if (!match?.[1] || !isArxivId(match[1])) return undefined;
  return { id: match[1], version: match[2] };
}

/**
 * An image `src` resolved against the page, if the result is an https image on arxiv.org under the page's own
 * `/html/<id>vN/` directory (any version when the page URL has none); query and fragment are dropped.
 */
export function resolveFigureUrl(src: string, pageUrl: string): string | undefined {
  const base = pageBase(pageUrl);
  return base ? resolveAgainst(src, base) : undefined;
}

function resolveAgainst(src: string, base: URL): string | undefined {
  const page = pagePaper(base);
  let url: URL;
  try {
    url = new URL(src.trim(), base);
  } catch {
    return undefined;
  }
  if (!page || url.protocol !== "https:" || url.hostname !== "arxiv.org" || url.port) return undefined;
  if (url.username || url.password || !IMAGE_EXTENSION.test(url.pathname)) return undefined;
  const prefix = `/html/${page.id}`;
  const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
  const inPaper = /^(v\d+)?\/./.exec(rest);
  if (!inPaper || (page.version && inPaper[1] !== page.version)) return undefined;
  url.search = "";
  url.hash = "";
  return url.href;
}

function classesOf(token: Extract<Token, { type: "open" }>): Set<string> {
  return new Set((token.attrs.get("class") ?? "").split(/\s+/).filter(Boolean));
}

function authorFlags(parent: number, name: string, classes: Set<string>): { flags: number; role?: Role } {
  let flags = parent;
  let role: Role | undefined;
  if (name === "div" && classes.has("ltx_authors")) flags |= AUTHORS;
  if (flags & AUTHORS && !(flags & CREATOR) && classes.has("ltx_creator") && classes.has("ltx_role_author")) {
    flags |= CREATOR;
    role = "creator";
  }
  if (flags & CREATOR && classes.has("ltx_personname")) flags |= NAME;
  const isAffiliation = classes.has("ltx_contact") && classes.has("ltx_role_affiliation");
  if (flags & CREATOR && !(flags & AFFILIATION) && isAffiliation) {
    flags |= AFFILIATION;
    role = "affiliation";
  }
  if (name === "sup" && flags & (NAME | AFFILIATION)) flags |= SKIP;
  return { flags, role };
}

function figureFlags(state: State, parent: number, name: string, classes: Set<string>) {
  let flags = parent;
  let role: Role | undefined;
  if (name === "figure" && classes.has("ltx_figure")) {
    if (flags & FIGURE) flags |= SUBFIGURE;
    else if (!state.found && !state.figure) {
      flags |= FIGURE;
      role = "figure";
    }
  }
  if (name === "figcaption" && flags & FIGURE && !(flags & (SUBFIGURE | CAPTION))) {
    flags |= CAPTION;
    role = "caption";
  }
  return { flags, role };
}

function sectionFlags(parent: number, name: string, classes: Set<string>) {
  let flags = parent;
  let role: Role | undefined;
  if (name === "section" && classes.has("ltx_section")) flags |= SECTION;
  // Sections are h2 in articles and h3 under chapters.
  if (/^h[1-6]$/.test(name) && classes.has("ltx_title_section") && flags & SECTION && !(flags & HEADING)) {
    flags |= HEADING;
    role = "heading";
  }
  return { flags, role };
}

function frameFor(state: State, name: string, classes: Set<string>): Frame {
  const parent = state.stack.at(-1)?.flags ?? 0;
  const author = authorFlags(parent, name, classes);
  const figure = figureFlags(state, author.flags, name, classes);
  const section = sectionFlags(figure.flags, name, classes);
  let flags = section.flags;
  // Footnotes, "1 "/"Figure 1: " tags, the "Affiliation: " label and MathML (replaced by its alttext) are noise.
  const noise = ["ltx_note", "ltx_tag", "ltx_contact_name"].some((c) => classes.has(c));
  if (noise || name === "math" || name === "svg") flags |= SKIP;
  return { name, flags, role: section.role ?? figure.role ?? author.role };
}

/** Appends text to whichever collector the current context feeds. */
function addText(state: State, text: string, flags: number): void {
  if (flags & SKIP) return;
  if (flags & HEADING) state.heading = append(state.heading, text);
  else if (flags & CAPTION && state.figure && !state.figure.captionDone) {
    state.figure.caption = append(state.figure.caption, text);
  } else if (flags & AFFILIATION) state.affiliation = append(state.affiliation, text);
  else if (flags & NAME && state.author) state.author.name = append(state.author.name, text);
}

function openRole(state: State, role: Role | undefined): void {
  if (role === "creator") state.author = { name: "", candidates: [] };
  else if (role === "affiliation") state.affiliation = "";
  else if (role === "figure") state.figure = { caption: "", captionDone: false };
  else if (role === "heading") state.heading = "";
}

function handleImage(state: State, token: Extract<Token, { type: "open" }>, flags: number): void {
  if (!(flags & FIGURE) || !state.figure || state.figure.url || !state.base) return;
  state.figure.url = resolveAgainst(token.attrs.get("src") ?? "", state.base);
}

function openElement(state: State, token: Extract<Token, { type: "open" }>, parent: number): void {
  const frame = frameFor(state, token.name, classesOf(token));
  if (token.name === "math" && !(parent & SKIP))
    addText(state, ` ${token.attrs.get("alttext") ?? ""} `, parent);
  if (token.selfClosing || VOID_ELEMENTS.has(token.name) || state.stack.length >= HTML_LIMITS.maxDepth)
    return;
  state.stack.push(frame);
  openRole(state, frame.role);
}

function handleOpen(state: State, token: Extract<Token, { type: "open" }>): void {
  const parent = state.stack.at(-1)?.flags ?? 0;
  if (token.name === "img") handleImage(state, token, parent);
  else if (token.name === "br") addText(state, "\n", parent);
  else openElement(state, token, parent);
}

/** Lines of an author note as one candidate; e-mail and link lines are dropped so the rest can still qualify. */
function candidateFrom(noteLines: string[]): string {
  return noteLines.filter((line) => !/@|:\/\//.test(line)).join(", ");
}

function finishAuthor(state: State): void {
  const pending = state.author;
  state.author = undefined;
  if (!pending || state.authors.length >= HTML_LIMITS.maxAuthors) return;
  // `\author{Name \\ Dept \\ University}` puts the affiliation lines inside the person name after a <br>.
  const [name = "", ...extra] = lines(pending.name);
  if (!name || name.length > HTML_LIMITS.maxNameChars || !/\p{L}/u.test(name)) return;
  const candidates = extra.length > 0 ? [...pending.candidates, candidateFrom(extra)] : pending.candidates;
  const accepted = [...new Set(candidates.filter(looksLikeAffiliation))];
  state.authors.push({ name, affiliations: accepted.slice(0, HTML_LIMITS.maxAffiliationsPerAuthor) });
}

function finishFigure(state: State): void {
  const pending = state.figure;
  state.figure = undefined;
  if (!pending?.url) return;
  state.found = {
    url: pending.url,
    caption: capText(cleanText(pending.caption), HTML_LIMITS.maxCaptionChars),
  };
}

function finishHeading(state: State): void {
  const heading = capText(cleanText(state.heading), HTML_LIMITS.maxHeadingChars);
  if (heading && state.headings.length < HTML_LIMITS.maxHeadings) state.headings.push(heading);
}

function closeRole(state: State, role: Role | undefined): void {
  if (role === "creator") finishAuthor(state);
  else if (role === "affiliation") state.author?.candidates.push(candidateFrom(lines(state.affiliation)));
  else if (role === "figure") finishFigure(state);
  else if (role === "caption" && state.figure) state.figure.captionDone = true;
  else if (role === "heading") finishHeading(state);
}

/** Pops up to the nearest open element of that name; a stray end tag is ignored. */
function handleClose(state: State, name: string): void {
  let index = state.stack.length - 1;
  while (index >= 0 && state.stack[index]?.name !== name) index--;
  if (index < 0) return;
  while (state.stack.length > index) closeRole(state, state.stack.pop()?.role);
}

function handleToken(state: State, token: Token): void {
  if (token.type === "text") addText(state, token.text, state.stack.at(-1)?.flags ?? 0);
  else if (token.type === "open") handleOpen(state, token);
  else handleClose(state, token.name);
}

export function emptyEnrichment(): Enrichment {
  return { affiliations: [], headings: [] };
}

/**
 * Affiliations, first figure and section headings of an arXiv HTML page. Elements cut off by the end of the input
 * are dropped; nothing here throws on any string input.
 */
export function parseArxivHtml(html: string, pageUrl: string): Enrichment {
  if (typeof html !== "string") return emptyEnrichment();
  const state: State = {
    base: pageBase(pageUrl),
    stack: [],
    authors: [],
    affiliation: "",
    heading: "",
    headings: [],
  };
  for (const token of tokenize(html.slice(0, HTML_LIMITS.maxInputChars), HTML_LIMITS.maxTokens)) {
    handleToken(state, token);
    if (state.found && state.headings.length >= HTML_LIMITS.maxHeadings) break;
  }
  const result: Enrichment = { affiliations: state.authors, headings: state.headings };
  if (state.found) result.figure = state.found;
  return result;
}

/** True when the page gave anything worth showing. */
export function hasEnrichment(enrichment: Enrichment): boolean {
  const anyAffiliation = enrichment.affiliations.some((author) => author.affiliations.length > 0);
  return anyAffiliation || enrichment.figure !== undefined || enrichment.headings.length > 0;
}

function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Authors from arXiv metadata, with page affiliations added to those that have none, matched by normalised name.
 * Metadata affiliations always win; names always come from metadata.
 */
export function applyAffiliations(authors: Author[], enrichment: Enrichment): Author[] {
  const byName = new Map<string, string[]>();
  for (const author of enrichment.affiliations) {
    const key = nameKey(author.name);
    if (key && author.affiliations.length > 0 && !byName.has(key)) byName.set(key, author.affiliations);
  }
  return authors.map((author) => {
    const found = author.affiliations.length === 0 ? byName.get(nameKey(author.name)) : undefined;
    return found ? { ...author, affiliations: [...found] } : author;
  });
}
