// Real arXiv abstracts from the recorded fixtures, for calibrating and testing text checks.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ARXIV_FIXTURES = fileURLToPath(new URL("../fixtures/arxiv/", import.meta.url));

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * Every abstract in test/fixtures/arxiv: the API's `<summary>` (error feeds excluded) and the announcement feed's
 * `<description>` after "Abstract:". Whitespace collapsed, duplicates removed.
 */
export function realAbstracts(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(ARXIV_FIXTURES).filter((name) => name.endsWith(".xml"))) {
    const xml = readFileSync(`${ARXIV_FIXTURES}${file}`, "utf8");
    for (const entry of xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)) {
      const body = entry[1] ?? "";
      if (body.includes("api/errors#")) continue;
      const summary = body.match(/<summary[^>]*>([\s\S]*?)<\/summary>/)?.[1];
      if (summary) found.add(clean(summary));
    }
    for (const item of xml.matchAll(/<description[^>]*>([\s\S]*?)<\/description>/g)) {
      const text = item[1] ?? "";
      const start = text.indexOf("Abstract:");
      if (start >= 0) found.add(clean(text.slice(start + "Abstract:".length)));
    }
  }
  return [...found];
}

function clean(text: string): string {
  return unescapeXml(text).replace(/\s+/g, " ").trim();
}
