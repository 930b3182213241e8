// Markdown sinks: text read on GitHub (digests, PR and issue bodies). Untrusted text keeps its words and its TeX
// math, and loses everything GitHub would turn into HTML, a link, a mention or a cross-reference.

const WORD_JOINER = "\u2060";
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// MathJax commands that fetch, link, style or inject markup.
const DANGEROUS_TEX =
  /\\(unicode|href|url|style|class|cssId|require|html\w*|data\w*|toggle|mmlToken|input|include|def|newcommand|renewcommand)(?![A-Za-z])/g;

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

/** Untrusted text as inline markdown: one line, HTML escaped, no links/images, references defused, math kept. */
export function markdownText(value: string): string {
  let text = value.replace(CONTROL_CHARS, " ").replace(/\s+/g, " ").trim();
  text = escapeHtml(text);
  text = text.replace(DANGEROUS_TEX, "\\backslash\\text{$1}");
  // Brackets would let text build links (`[arxiv.org](https://evil)`) or images; `\[` renders as a bracket.
  text = text.replace(/([[\]])/g, "\\$1");
  text = defuseReferences(text);
  // A leading block marker would turn a title or abstract into a heading, quote, list or rule.
  return text.replace(/^([#>+\-*=|]|\d+[.)])/, "\\$1");
}

/** Untrusted text inside a markdown table cell. */
export function tableCell(value: string): string {
  return markdownText(value).replace(/\|/g, "\\|");
}

/** Inline code span that cannot be closed early by the value. */
export function codeSpan(value: string): string {
  const text = value.replace(CONTROL_CHARS, " ").replace(/\s+/g, " ").trim();
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
