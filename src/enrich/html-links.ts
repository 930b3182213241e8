// Code and project links written in the paper itself (`\url{…}`, `\href{…}`) on its arXiv HTML page. Only the paper
// body counts: arXiv's own header, footer and feedback form sit outside `article.ltx_document`, and the bibliography
// links to other papers' code, not to this one's.
import { allowedCodeLink } from "../safe/link.js";
import { HTML_LIMITS } from "./html-page.js";
import { type Token, tokenize } from "./html-tokens.js";

export const MAX_PAGE_LINKS = 10;

type Open = Extract<Token, { type: "open" }>;

function hasClass(token: Open, name: string): boolean {
  return (token.attrs.get("class") ?? "").split(/\s+/).includes(name);
}

/** Allow-listed code links (see `safe/link.ts`) in the body of an arXiv HTML page, de-duplicated, in page order. */
export function pageCodeLinks(html: string): string[] {
  const found = new Set<string>();
  // One stack per element name that scopes links: true where that element opens the scope (nested sections and
  // articles close in order, so a stack of booleans per name is enough).
  const scopes = { article: [] as boolean[], section: [] as boolean[] };
  for (const token of tokenize(html.slice(0, HTML_LIMITS.maxInputChars), HTML_LIMITS.maxTokens)) {
    // Only these two names: a page's `</constructor>` must not reach Object.prototype.
    if (token.type === "close" && (token.name === "article" || token.name === "section"))
      scopes[token.name].pop();
    if (token.type !== "open" || token.selfClosing) continue;
    if (token.name === "article") scopes.article.push(hasClass(token, "ltx_document"));
    if (token.name === "section") scopes.section.push(hasClass(token, "ltx_bibliography"));
    const inBody = scopes.article.includes(true) && !scopes.section.includes(true);
    const link = token.name === "a" && inBody ? allowedCodeLink(token.attrs.get("href") ?? "") : undefined;
    if (link) found.add(link);
    if (found.size >= MAX_PAGE_LINKS) break;
  }
  return [...found];
}
