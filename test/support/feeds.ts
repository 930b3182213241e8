import { fixture } from "./arxiv-server.js";

const SEED = fixture("seed_day_2024-11-17_diffusion.xml");
const ENTRIES = [...SEED.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((match) => match[0]);
const HEADER = SEED.slice(0, SEED.indexOf("<entry>"));

/**
 * A feed of `count` papers made from the six real entries of the reference day: each copy keeps the real text and
 * authors, with its own id (`2411.2xxxx`), its title numbered, and the time it was last updated set to `updated`.
 */
export function syntheticFeed(count: number, updated = "2024-11-14T12:00:00Z"): string {
  return feedOf(syntheticEntries(count, updated), count);
}

/** The entries of `syntheticFeed`, from the `first`-th paper on (ids and titles stay unique across calls). */
export function syntheticEntries(count: number, updated = "2024-11-14T12:00:00Z", first = 0): string[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = first + offset;
    const entry = ENTRIES[index % ENTRIES.length] as string;
    const id = `2411.${String(20000 + index).padStart(5, "0")}`;
    return entry
      .replace(/<id>http:\/\/arxiv\.org\/abs\/[^<]+<\/id>/, `<id>http://arxiv.org/abs/${id}v1</id>`)
      .replace(/arxiv\.org\/(abs|pdf)\/\d{4}\.\d{5}v\d/g, `arxiv.org/$1/${id}v1`)
      .replace(/<title>([^<]+)<\/title>/, `<title>$1 (${index + 1})</title>`)
      .replace(/<updated>[^<]+<\/updated>/, `<updated>${updated}</updated>`)
      .replace(/<published>[^<]+<\/published>/, `<published>${updated}</published>`);
  });
}

/** An API page holding `entries`, saying `total` results match the query. */
export function feedOf(entries: string[], total: number): string {
  return `${HEADER.replace(/<opensearch:totalResults>\d+/, `<opensearch:totalResults>${total}`)}${entries.join("\n  ")}\n</feed>\n`;
}
