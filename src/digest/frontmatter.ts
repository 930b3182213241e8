import matter from "gray-matter";
import { parse as parseYaml, stringify } from "yaml";

/** Front matter written by the YAML library (never by string concatenation), then the markdown body. */
export function withFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body}`;
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

/** Reads a digest's front matter with gray-matter, its code engines disabled and YAML 1.2 (dates stay strings). */
export function readFrontMatter(text: string): { data: Record<string, unknown>; content: string } {
  // gray-matter caches by input text; a fresh options object per call keeps cached results from leaking.
  const parsed = matter(text, { engines: engines as never, language: "yaml" });
  return { data: parsed.data as Record<string, unknown>, content: parsed.content };
}
