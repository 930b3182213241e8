import { createHash } from "node:crypto";
import matter from "gray-matter";
import { parse as parseYaml, stringify } from "yaml";

/** Front matter written by the YAML library (never by string concatenation), then the markdown body. */
export function withFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body}`;
}

/** A digest with `checksum` (of its body) in its front matter, so an edit by a person can be told apart. */
export function withChecksum(data: Record<string, unknown>, body: string): string {
  return withFrontMatter({ ...data, checksum: checksum(body) }, body);
}

function checksum(body: string): string {
  return `sha256:${createHash("sha256").update(body.trim()).digest("hex")}`;
}

/** True when the body no longer matches the checksum written with it (or the file was not made by this tool). */
export function isEditedByHand(text: string): boolean {
  const { data, content } = readFrontMatter(text);
  return typeof data.checksum !== "string" || data.checksum !== checksum(content);
}

const engines = {
  yaml: { parse: (text: string) => parseYaml(text, { maxAliasCount: 50 }) as object, stringify },
  js: () => {
    throw new Error("JavaScript front matter is not allowed");
  },
  javascript: () => {
    throw new Error("JavaScript front matter is not allowed");
  },
};

/** The versionless ids a digest's front matter lists under `papers`. */
export function frontMatterPapers(data: Record<string, unknown>): string[] {
  return Array.isArray(data.papers) ? data.papers.map(String) : [];
}

/** Reads a digest's front matter with gray-matter, its code engines disabled and YAML 1.2 (dates stay strings). */
export function readFrontMatter(text: string): { data: Record<string, unknown>; content: string } {
  // gray-matter caches by input text; a fresh options object per call keeps cached results from leaking.
  const parsed = matter(text, { engines: engines as never, language: "yaml" });
  return { data: parsed.data as Record<string, unknown>, content: parsed.content };
}
