import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { type ArchiveEntry, updateCatalogue } from "../src/ledger/catalogue.js";
import { archiveFiles } from "../src/render/archive.js";

const entry = (date: string, topic: string, papers: number, titles?: string[]): ArchiveEntry => ({
  date,
  topic,
  name: topic === "vision" ? "Vision & <Images>" : "Diffusion",
  papers,
  path: `digests/${date.slice(0, 4)}/${date.slice(5, 7)}/${date}-${topic}.md`,
  titles,
});

describe("the archive pages", () => {
  const catalogue = updateCatalogue({ version: 1, digests: [] }, [
    entry("2024-11-14", "diffusion", 3, ["A <b>bold</b> & risky title", "Plain"]),
    entry("2024-11-15", "vision", 2, ["Seeing"]),
    entry("2024-11-15", "diffusion", 4),
  ]);
  const files = Object.fromEntries(
    archiveFiles(catalogue, { digestsDir: "digests", now: new Date("2024-11-15T00:00:00Z") }).map((file) => [
      file.path,
      file.content,
    ]),
  );

  it("lists the newest digests first, with per-topic counts and a chart GitHub renders", () => {
    const readme = files["digests/README.md"] ?? "";
    expect(readme.indexOf("2024-11-15")).toBeLessThan(readme.indexOf("2024-11-14"));
    expect(readme).toContain("| [Diffusion](topics/diffusion.md) | 2 | 7 | 2024-11-15 |");
    expect(readme).toContain("| [Vision &amp; &lt;Images&gt;](topics/vision.md) | 1 | 2 | 2024-11-15 |");
    expect(readme).toMatch(
      /```mermaid\nxychart-beta\n {2}x-axis \[.*"11-15"\]\n {2}y-axis "papers"\n {2}line \[.*, 3, 4\]\n {2}line \[.*, 0, 2\]\n```/,
    );
    expect(readme).toContain("(2024/11/2024-11-15-vision.md)");
  });

  it("gives each topic a page of its digests by month, linked relative to the page", () => {
    expect(files["digests/topics/diffusion.md"]).toContain(
      "- [2024-11-15](../2024/11/2024-11-15-diffusion.md): 4 papers",
    );
    expect(files["digests/topics/diffusion.md"]).toContain("### 2024-11");
  });

  it("writes a well-formed Atom feed whose entries carry the titles as escaped HTML", () => {
    const feed = new XMLParser({ ignoreAttributes: false }).parse(files["digests/feed.xml"] ?? "");
    const entries = feed.feed.entry as {
      title: string;
      content: { "#text": string } | string;
      link: { "@_href": string };
    }[];
    expect(entries.map((item) => item.title)).toEqual([
      "Diffusion: 4 papers, 2024-11-15",
      "Vision & <Images>: 2 papers, 2024-11-15",
      "Diffusion: 3 papers, 2024-11-14",
    ]);
    const html = entries[2]?.content;
    expect(typeof html === "string" ? html : html?.["#text"]).toBe(
      "<ul><li>A &lt;b&gt;bold&lt;/b&gt; &amp; risky title</li><li>Plain</li></ul>",
    );
    expect(entries[0]?.link["@_href"]).toBe("2024/11/2024-11-15-diffusion.md");
  });

  it("drops catalogue entries whose slug, date or path could not have been written by a run", async () => {
    const { parseCatalogue } = await import("../src/ledger/catalogue.js");
    const good = entry("2024-11-15", "vision", 2);
    const text = JSON.stringify({
      version: 1,
      digests: [
        good,
        { ...good, topic: "../../.github/workflows/x" },
        { ...good, date: "tomorrow" },
        { ...good, papers: "2" },
      ],
    });
    expect(parseCatalogue(text)?.digests).toEqual([good]);
  });

  it("keeps titles only for the entries the feed shows, so the catalogue stays small over years", () => {
    const many = Array.from({ length: 40 }, (_, day) =>
      entry(`2024-10-${String((day % 28) + 1).padStart(2, "0")}`, `t${day}`, 1, ["x"]),
    );
    const trimmed = updateCatalogue({ version: 1, digests: [] }, many);
    expect(trimmed.digests.filter((item) => item.titles)).toHaveLength(30);
  });
});
