// A tolerant, bounded HTML tokenizer for untrusted pages. It never executes or fetches anything, decodes only
// basic named and numeric character references, skips comments and raw-text elements (script, style, …), and
// drops a tag cut off by the end of the input. Every loop advances, so the cost is linear in the input.

export type Token =
  | { type: "text"; text: string }
  | { type: "open"; name: string; attrs: Map<string, string>; selfClosing: boolean }
  | { type: "close"; name: string };

interface Step {
  token?: Token;
  next: number;
}

const MAX_ATTRS = 32;
const MAX_ATTR_VALUE = 4096;
const RAW_TEXT = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "noscript",
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  shy: "",
  times: "\u00d7",
  middot: "\u00b7",
  copy: "\u00a9",
};
const ENTITY = /&(?:#(\d{1,8});?|#[xX]([0-9a-fA-F]{1,8});?|([A-Za-z][A-Za-z0-9]{1,31});)/g;

const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const SPACES = /[\s/]*/y;
const ATTR_NAME = /[^\s/>][^\s/>=]*/y;
const EQUALS = /\s*=\s*/y;
const UNQUOTED = /[^\s>]*/y;

function codePointText(code: number): string {
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
  return invalid ? "\ufffd" : String.fromCodePoint(code);
}

/** Decodes `&amp;`-style basics and numeric references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return codePointText(Number.parseInt(dec, 10));
    if (hex !== undefined) return codePointText(Number.parseInt(hex, 16));
    return NAMED_ENTITIES[name ?? ""] ?? whole;
  });
}

function matchAt(pattern: RegExp, html: string, pos: number): string | undefined {
  pattern.lastIndex = pos;
  return pattern.exec(html)?.[0];
}

function skipPast(html: string, pos: number, terminator: string): number {
  const end = html.indexOf(terminator, pos);
  return end === -1 ? html.length : end + terminator.length;
}

function skipRawText(html: string, pos: number, name: string): number {
  const closer = new RegExp(`</${name}[\\s/>]`, "gi");
  closer.lastIndex = pos;
  const found = closer.exec(html);
  return found ? skipPast(html, found.index, ">") : html.length;
}

/** Reads one attribute value at `pos`; undefined when a quote is never closed (a truncated page). */
function readValue(html: string, pos: number): { value: string; next: number } | undefined {
  const quote = html[pos];
  if (quote === '"' || quote === "'") {
    const end = html.indexOf(quote, pos + 1);
    return end === -1 ? undefined : { value: html.slice(pos + 1, end), next: end + 1 };
  }
  const raw = matchAt(UNQUOTED, html, pos) ?? "";
  return { value: raw, next: pos + raw.length };
}

function readAttributes(
  html: string,
  start: number,
): { attrs: Map<string, string>; end: number } | undefined {
  const attrs = new Map<string, string>();
  let pos = start;
  for (;;) {
    pos += (matchAt(SPACES, html, pos) ?? "").length;
    if (pos >= html.length) return undefined;
    if (html[pos] === ">") return { attrs, end: pos };
    const name = matchAt(ATTR_NAME, html, pos) ?? html[pos] ?? "";
    pos += name.length;
    const equals = matchAt(EQUALS, html, pos);
    let value = "";
    if (equals !== undefined) {
      const read = readValue(html, pos + equals.length);
      if (!read) return undefined;
      value = read.value;
      pos = read.next;
    }
    const key = name.toLowerCase();
    if (attrs.size < MAX_ATTRS && value.length <= MAX_ATTR_VALUE && !attrs.has(key)) {
      attrs.set(key, decodeEntities(value));
    }
  }
}

function scanOpenTag(html: string, pos: number): Step {
  const rawName = matchAt(TAG_NAME, html, pos + 1) ?? "";
  const name = rawName.toLowerCase();
  const read = readAttributes(html, pos + 1 + rawName.length);
  if (!read) return { next: html.length };
  const next = read.end + 1;
  if (RAW_TEXT.has(name)) return { next: skipRawText(html, next, name) };
  const selfClosing = html[read.end - 1] === "/";
  return { token: { type: "open", name, attrs: read.attrs, selfClosing }, next };
}

function scanCloseTag(html: string, pos: number): Step {
  const name = matchAt(TAG_NAME, html, pos + 2);
  const end = html.indexOf(">", pos + 2);
  if (end === -1) return { next: html.length };
  return name ? { token: { type: "close", name: name.toLowerCase() }, next: end + 1 } : { next: end + 1 };
}

function scanMarkup(html: string, pos: number): Step {
  const next = html[pos + 1] ?? "";
  if (html.startsWith("<!--", pos)) return { next: skipPast(html, pos + 4, "-->") };
  if (next === "!" || next === "?") return { next: skipPast(html, pos + 2, ">") };
  if (next === "/") return scanCloseTag(html, pos);
  if (/[A-Za-z]/.test(next)) return scanOpenTag(html, pos);
  return { token: { type: "text", text: "<" }, next: pos + 1 };
}

/** Tokens of `html`, at most `maxTokens` of them (comments and skipped elements count too). */
export function* tokenize(html: string, maxTokens: number): Generator<Token> {
  let pos = 0;
  for (let count = 0; count < maxTokens && pos < html.length; count++) {
    if (html[pos] !== "<") {
      const lt = html.indexOf("<", pos);
      const end = lt === -1 ? html.length : lt;
      yield { type: "text", text: decodeEntities(html.slice(pos, end)) };
      pos = end;
      continue;
    }
    const step = scanMarkup(html, pos);
    if (step.token) yield step.token;
    pos = step.next;
  }
}
