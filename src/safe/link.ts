// Link targets are built by code from arXiv ids and DOIs, or taken from metadata only when the host is allow-listed.

const CODE_HOSTS = [
  "github.com",
  "gitlab.com",
  "huggingface.co",
  "bitbucket.org",
  "codeberg.org",
  "zenodo.org",
];
const PROJECT_PAGE_SUFFIXES = [".github.io", ".gitlab.io", ".hf.space"];
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

export function isArxivId(id: string): boolean {
  return ARXIV_ID.test(id);
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${encodeURI(id)}`;
}

export function arxivPdfUrl(id: string, version?: number): string {
  return `https://arxiv.org/pdf/${encodeURI(id)}${version ? `v${version}` : ""}`;
}

export function arxivHtmlUrl(id: string, version?: number): string {
  return `https://arxiv.org/html/${encodeURI(id)}${version ? `v${version}` : ""}`;
}

export function doiUrl(doi: string): string | undefined {
  // A lone surrogate would make encodeURIComponent throw: such a DOI is shown as text, not linked.
  if (!/^10\.\d{4,9}\/[^\s\p{Cs}]+$/u.test(doi)) return undefined;
  return `https://doi.org/${doi.split("/").map(encodeURIComponent).join("/")}`;
}

/** True for code and project hosts whose links may be shown (github.com, *.github.io, huggingface.co, …). */
export function isAllowedCodeHost(host: string): boolean {
  const name = host.toLowerCase();
  return CODE_HOSTS.includes(name) || PROJECT_PAGE_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/** A URL from metadata, normalised, if it is https/http on an allow-listed host; otherwise undefined. */
export function allowedCodeLink(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.replace(/[.,;:)\]}'"]+$/, ""));
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password || url.port) return undefined;
  if (!isAllowedCodeHost(url.hostname)) return undefined;
  url.protocol = "https:";
  url.hash = "";
  return url.toString().replace(/\/$/, "");
}

/** Code links found in free text (abstract, comment), allow-listed and de-duplicated. */
export function findCodeLinks(...texts: (string | undefined)[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text?.matchAll(/https?:\/\/[^\s<>"'`]+/g) ?? []) {
      const link = allowedCodeLink(match[0]);
      if (link) found.add(link);
    }
  }
  return [...found];
}

/** A markdown link whose target can never break out of its parentheses. */
export function markdownLink(label: string, url: string): string {
  const target = url.replace(
    /[()<>\s"'`\\]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return `[${label}](${target})`;
}
