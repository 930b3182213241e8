// What "nothing was taken over" means, as checks that return the problems they find (empty when safe). They parse
// the output the way the runner and GitHub's markdown do, independently of the neutralisers in src/safe/.

/**
 * Hosts a digest, PR or issue may link to: arXiv, DOIs, the repository's own GitHub, the code hosts and their project
 * pages. Written out here, apart from src/safe/link.ts, so that widening the Action's allow-list fails this oracle.
 */
const ALLOWED_HOST =
  /^(arxiv\.org|doi\.org|github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org|zenodo\.org|[^.]+\.(github\.io|gitlab\.io|hf\.space))$/i;
/** The Action's own markup in digests and bodies. */
const OWN_TAGS = /^<\/?(details|summary|sub)>$|^<!-- arxiv-digest:date=\d{4}-\d{2}-\d{2} -->$/;
/** MathJax commands that link, load, style or define. */
const DANGEROUS_TEX =
  /(?<!\\)\\(unicode|href|url|style|class|cssId|bbox|require|def|newcommand|renewcommand|let|html\w*|data\w*|toggle|mathtip|texttip|mmlToken)(?![A-Za-z])/;

// `](target)` where the `]` is not escaped: the destination of a link or image.
const LINK_TARGET = /(?<!\\)\]\(\s*<?([^)\s>]*)/g;

// Lines as the runner splits them (.NET ReadLine, and U+0085/U+2028/U+2029 for good measure).
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;

/**
 * Workflow commands in a step's output. A line whose trimmed start is `::` is a command; `##[` is a legacy command
 * anywhere in a line. Only the Action's own commands may appear: groups, masks of `secrets`, and warnings/errors
 * whose payload (percent-decoded as the runner does) holds no command of its own.
 */
export function commandProblems(output: string, secrets: string[]): string[] {
  const problems: string[] = [];
  for (const line of output.split(LINE_BREAK)) {
    if (line.includes("##[")) problems.push(`legacy command: ${JSON.stringify(line)}`);
    const trimmed = line.replace(/^[\s\u0085]+/, "");
    if (!trimmed.startsWith("::")) continue;
    const own = /^::(group|endgroup|add-mask|warning|error)::(.*)$/.exec(trimmed);
    const payload = decodeCommandData(own?.[2] ?? "");
    const ok =
      own &&
      (own[1] === "endgroup"
        ? payload === ""
        : own[1] === "add-mask"
          ? secrets.includes(payload)
          : !payload.includes("::") &&
            !/[^\P{Cc}\n]|[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(payload));
    if (!ok) problems.push(`workflow command: ${JSON.stringify(line)}`);
  }
  return problems;
}

function decodeCommandData(data: string): string {
  return data.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

/** Markdown without fenced blocks and code spans, where nothing is a link, tag or mention. */
export function outsideCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, "");
}

/** Link and image targets, angle autolinks and bare URLs GitHub would autolink, outside the allow-list. */
export function linkProblems(markdown: string): string[] {
  const text = outsideCode(markdown);
  const targets = [
    ...[...text.matchAll(LINK_TARGET)].map((match) => match[1] ?? ""),
    ...[...text.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi)].map((match) => match[1] ?? ""),
    ...[...text.matchAll(/(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>)\]]*/gi)].map((match) => match[0]),
  ];
  return targets
    .filter((target) => !allowedTarget(target))
    .map((target) => `link to ${JSON.stringify(target)}`);
}

function allowedTarget(target: string): boolean {
  if (/^www\./i.test(target)) return allowedHost(target.split("/")[0] as string);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) return !target.startsWith("//") && !target.includes("\\");
  try {
    const url = new URL(target);
    return url.protocol === "https:" && !url.username && !url.port && allowedHost(url.hostname);
  } catch {
    return false;
  }
}

function allowedHost(host: string): boolean {
  return ALLOWED_HOST.test(host);
}

/** Raw HTML other than the Action's own `<details>`, `<summary>`, `<sub>` and issue marker. */
export function htmlProblems(markdown: string): string[] {
  const text = outsideCode(markdown);
  const tags = [...text.matchAll(/<[!?/A-Za-z][^>\n]*>?/g)].map((match) => match[0]);
  // `\&` is a literal ampersand (markdown) or an escaped one (TeX): no character reference.
  const entities = [...text.matchAll(/(?<!\\)&#x?[0-9a-f]+;/gi)].map((match) => match[0]);
  return [
    ...tags.filter((tag) => !OWN_TAGS.test(tag)).map((tag) => `raw HTML ${JSON.stringify(tag)}`),
    ...entities.map((entity) => `numeric character reference ${entity}`),
  ];
}

/** Mentions, issue and cross-repository references, and GH-n references GitHub would link. */
export function referenceProblems(markdown: string): string[] {
  // Link destinations (in-page anchors such as `#1-title`) are not references, nor is a link labelled `#1`.
  const text = outsideCode(markdown)
    .replace(LINK_TARGET, "](")
    .replace(/\[#\d+\]\(/g, "](");
  const found = [
    ...text.matchAll(/@[A-Za-z0-9]\S*/g),
    ...text.matchAll(/(?<![\w&])#\d+/g),
    ...text.matchAll(/\bGH-\d+/gi),
  ].map((match) => match[0]);
  return found.map((reference) => `reference ${JSON.stringify(reference)}`);
}

/** TeX commands that link, load, style or define, anywhere they could be read as TeX. */
export function mathProblems(markdown: string): string[] {
  const found = DANGEROUS_TEX.exec(outsideCode(markdown));
  return found ? [`TeX command ${found[0]}`] : [];
}

/** Every check a published markdown text (digest, PR or issue body, job summary) must pass. */
export function markdownProblems(markdown: string): string[] {
  return [
    ...linkProblems(markdown),
    ...htmlProblems(markdown),
    ...referenceProblems(markdown),
    ...mathProblems(markdown),
  ];
}

/** Paths outside `dir/` (or with `.`/`..`/empty segments), other than those allowed to exist already. */
export function pathProblems(paths: string[], dir: string, existing: string[] = []): string[] {
  return paths
    .filter((path) => !existing.includes(path))
    .filter(
      (path) => !path.startsWith(`${dir}/`) || path.split("/").some((part) => [".", "..", ""].includes(part)),
    )
    .map((path) => `path outside ${dir}: ${JSON.stringify(path)}`);
}

/** Where `secret` was printed, other than in the runner-consumed `::add-mask::` line. */
export function secretProblems(text: string, secret: string): string[] {
  const rest = text.split(`::add-mask::${secret}`).join("");
  return rest.includes(secret) ? [`secret ${secret.slice(0, 8)}… printed`] : [];
}

/** Lines of a Node.js stack trace or an unhandled error. */
export function crashProblems(output: string): string[] {
  return output
    .split("\n")
    .filter((line) =>
      /^\s+at .+(:\d+:\d+\)?|\(native\))$|node:internal|Unhandled|TypeError|RangeError/.test(line),
    )
    .map((line) => `crash: ${line.trim()}`);
}
