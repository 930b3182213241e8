// Markdown sinks: text read on GitHub (digests, PR and issue bodies). Untrusted text keeps its words and its TeX
// math, and loses everything GitHub would turn into HTML, a link, a mention or a cross-reference.
import { INVISIBLE_OR_CONTROL } from "./chars.js";

const WORD_JOINER = "\u2060";
// MathJax commands that fetch, link, style or inject markup.
const DANGEROUS_TEX =
  /\\(unicode|href|url|style|class|cssId|bbox|require|html\w*|data\w*|toggle|mathtip|texttip|mmlToken|input|include|def|let|newcommand|renewcommand)(?![A-Za-z])/g;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Defuses `@user`, `#12`, `owner/repo#12`, `GH-12` and bare URLs that GitHub would autolink. */
export function defuseReferences(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${WORD_JOINER}`)
    .replace(/#(?=\d)/g, `#${WORD_JOINER}`)
    .replace(/\bGH-(?=\d)/gi, (match) => `${match.slice(0, 2)}${WORD_JOINER}-`)
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${WORD_JOINER}.`);
}

/**
 * Untrusted text as inline markdown: one line, no HTML, links, images, emphasis, mentions or references, with TeX
 * math (`$…$`) kept renderable on GitHub but stripped of the commands that link, style or load.
 */
export function markdownText(value: string): string {
  const text = value.replace(INVISIBLE_OR_CONTROL, " ").replace(/\s+/g, " ").trim();
  const out = splitMath(text)
    .map((segment) => (segment.math ? mathSegment(segment.text) : proseSegment(segment.text)))
    .join("");
  // A leading block marker would turn a title or abstract into a heading, quote, list or rule.
  return out.replace(/^([#>+\-*=|])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}

const ITALIC = "\uE000";
const BOLD = "\uE001";

function proseSegment(text: string): string {
  // Brackets would let text build links (`[arxiv.org](https://evil)`); emphasis markers and backticks are kept literal,
  // and so is a `$` left unpaired (e.g. after `\$`), which GitHub could otherwise pair with a later one as math.
  const escaped = defuseReferences(escapeHtml(texText(text)).replace(/([[\]*_~`\\$])/g, "\\$1"));
  return escaped.replaceAll(BOLD, "**").replaceAll(ITALIC, "*");
}

/**
 * The text-mode TeX that abstracts carry outside math (``quotes'', \textit{…}, ties), as a reader would see it
 * typeset. Emphasis becomes placeholders that only this function makes, turned into markdown after escaping.
 */
function texText(text: string): string {
  const emphasis = (marker: string) => (_match: string, inner: string) =>
    inner.trim() ? `${marker}${inner.trim()}${marker}` : "";
  return text
    .replace(/[\uE000\uE001]/g, "")
    .replace(/``/g, "\u201c")
    .replace(/''/g, "\u201d")
    .replace(/(?<=\S)~(?=[^\d\s~])/g, "\u00a0")
    .replace(/\\(?:textit|emph|textsl)\{([^{}]*)\}/g, emphasis(ITALIC))
    .replace(/\\textbf\{([^{}]*)\}/g, emphasis(BOLD))
    .replace(/\\(?:texttt|textsc|textrm|textsf|textup|mbox)\{([^{}]*)\}/g, "$1")
    .replace(/\\([%&_#])/g, "$1");
}

function mathSegment(text: string): string {
  const body = text
    .replace(/</g, "\\lt ")
    .replace(/>/g, "\\gt ")
    .replace(/&/g, "\\&")
    .replace(DANGEROUS_TEX, "\\backslash\\text{$1}")
    .replace(/@/g, "\\text{@}")
    .replace(/`/g, "'")
    // Where GitHub does not take the span as math, `[a](//evil.example)` would be a link; `{}` renders as nothing.
    .replace(/\](?=\()/g, "]{}");
  return defuseReferences(body);
}

/** `$…$` and `$$…$$` spans (an unpaired `$` stays prose). */
function splitMath(text: string): { text: string; math: boolean }[] {
  const segments: { text: string; math: boolean }[] = [];
  const pattern = /\$\$[^$]+\$\$|(?<!\\)\$[^$]+?(?<!\\)\$/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), math: false });
    segments.push({ text: match[0], math: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), math: false });
  return segments;
}

/** Untrusted text inside a markdown table cell. */
export function tableCell(value: string): string {
  return markdownText(value).replace(/\|/g, "\\|");
}

/** Inline code span that cannot be closed early by the value. */
export function codeSpan(value: string): string {
  const text = value.replace(INVISIBLE_OR_CONTROL, " ").replace(/\s+/g, " ").trim();
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
