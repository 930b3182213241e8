import {
  type ArchiveEntry,
  type Catalogue,
  cataloguePath,
  FEED_ENTRIES,
  serialiseCatalogue,
} from "../ledger/catalogue.js";
import { reindex } from "../ledger/reindex.js";
import type { RepositoryStore, StoreFile } from "../publish/store.js";
import { markdownLink } from "../safe/link.js";
import { markdownText, tableCell } from "../safe/markdown.js";

/**
 * The browsable archive: `<dir>/README.md` (newest first, per-topic counts, a chart), one page per topic and an Atom
 * feed, all regenerated each run from the catalogue of the digests, never from the digests themselves.
 */
const README_RECENT = 60;
const CHART_DAYS = 30;

export interface ArchiveOptions {
  digestsDir: string;
  /** Base URL of the repository's files for the feed's links (e.g. `https://github.com/o/r/blob/main/`). */
  siteUrl?: string;
  /** The run's time, for the feed's `updated`. */
  now: Date;
}

/** The catalogue itself and every archive page regenerated from it. */
export function archiveFiles(catalogue: Catalogue, options: ArchiveOptions): StoreFile[] {
  const topics = topicsOf(catalogue);
  return [
    { path: cataloguePath(options.digestsDir), content: serialiseCatalogue(catalogue) },
    { path: `${options.digestsDir}/README.md`, content: indexPage(catalogue, topics, options) },
    ...topics.map((topic) => ({
      path: `${options.digestsDir}/topics/${topic.slug}.md`,
      content: topicPage(catalogue, topic, options),
    })),
    { path: `${options.digestsDir}/feed.xml`, content: feed(catalogue, options) },
  ];
}

interface TopicSummary {
  slug: string;
  name: string;
  digests: number;
  papers: number;
  latest: string;
}

function topicsOf(catalogue: Catalogue): TopicSummary[] {
  const topics = new Map<string, TopicSummary>();
  for (const entry of catalogue.digests) {
    const topic = topics.get(entry.topic) ?? {
      slug: entry.topic,
      name: entry.name,
      digests: 0,
      papers: 0,
      latest: entry.date,
    };
    topic.digests += 1;
    topic.papers += entry.papers;
    if (entry.date > topic.latest) topic.latest = entry.date;
    topics.set(entry.topic, topic);
  }
  return [...topics.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A digest's path relative to the digests folder (links from README.md) or from `topics/`. */
function relative(entry: ArchiveEntry, digestsDir: string, depth: number): string {
  return `${"../".repeat(depth)}${entry.path.slice(digestsDir.length + 1)}`;
}

function indexPage(catalogue: Catalogue, topics: TopicSummary[], options: ArchiveOptions): string {
  const topicRows = topics.map(
    (topic) =>
      `| ${markdownLink(tableCell(topic.name), `topics/${topic.slug}.md`)} | ${topic.digests} | ${topic.papers} | ${topic.latest} |`,
  );
  const recent = catalogue.digests
    .slice(0, README_RECENT)
    .map(
      (entry) =>
        `| ${entry.date} | ${markdownLink(tableCell(entry.name), relative(entry, options.digestsDir, 0))} | ${entry.papers} |`,
    );
  return [
    "# arXiv digests",
    "Made by [arxiv-digest](https://github.com/arxiv-digest/arxiv-digest); regenerated on every run. Subscribe with the [Atom feed](feed.xml).",
    "## Topics",
    ["| topic | digests | papers | latest |", "|---|---:|---:|---|", ...topicRows].join("\n"),
    `## Papers per day (last ${CHART_DAYS} days)`,
    chart(catalogue, topics, options.now),
    "## Latest digests",
    ["| date | topic | papers |", "|---|---|---:|", ...recent].join("\n"),
    catalogue.digests.length > README_RECENT ? "Older digests are listed on each topic's page." : "",
  ]
    .filter(Boolean)
    .join("\n\n")
    .concat("\n");
}

function topicPage(catalogue: Catalogue, topic: TopicSummary, options: ArchiveOptions): string {
  const entries = catalogue.digests.filter((entry) => entry.topic === topic.slug);
  const months = new Map<string, ArchiveEntry[]>();
  for (const entry of entries)
    months.set(entry.date.slice(0, 7), [...(months.get(entry.date.slice(0, 7)) ?? []), entry]);
  const sections = [...months].map(([month, list]) =>
    [
      `### ${month}`,
      list
        .map(
          (entry) =>
            `- ${markdownLink(entry.date, relative(entry, options.digestsDir, 1))}: ${entry.papers} papers`,
        )
        .join("\n"),
    ].join("\n\n"),
  );
  return [
    `# ${markdownText(topic.name)}`,
    `${topic.papers} papers in ${topic.digests} digests · [all topics](../README.md)`,
    chart(catalogue, [topic], options.now),
    ...sections,
  ]
    .join("\n\n")
    .concat("\n");
}

/** A mermaid `xychart-beta` (GitHub renders it): one line per topic, papers per day, days without a digest at 0. */
function chart(catalogue: Catalogue, topics: TopicSummary[], now: Date): string {
  const days = Array.from({ length: CHART_DAYS }, (_, index) =>
    new Date(now.getTime() - (CHART_DAYS - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
  const counts = new Map(catalogue.digests.map((entry) => [`${entry.date}/${entry.topic}`, entry.papers]));
  const lines = topics.map(
    (topic) => `  line [${days.map((day) => counts.get(`${day}/${topic.slug}`) ?? 0).join(", ")}]`,
  );
  const legend =
    topics.length > 1
      ? `\n\nLines, in order: ${topics.map((topic) => markdownText(topic.name)).join(", ")}.`
      : "";
  return [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${days.map((day) => `"${day.slice(5)}"`).join(", ")}]`,
    '  y-axis "papers"',
    ...lines,
    "```",
  ]
    .join("\n")
    .concat(legend);
}

function feed(catalogue: Catalogue, options: ArchiveOptions): string {
  // Without a site URL, links are relative to the feed itself, which lives in the digests folder.
  const link = (entry: ArchiveEntry) =>
    options.siteUrl ? `${options.siteUrl}${entry.path}` : relative(entry, options.digestsDir, 0);
  const entries = catalogue.digests.slice(0, FEED_ENTRIES).map((entry) => {
    const titles = (entry.titles ?? []).map((title) => `<li>${escapeXml(title)}</li>`).join("");
    return [
      "  <entry>",
      `    <id>urn:arxiv-digest:${escapeXml(entry.date)}:${escapeXml(entry.topic)}</id>`,
      `    <title>${escapeXml(`${entry.name}: ${entry.papers} papers, ${entry.date}`)}</title>`,
      `    <updated>${entry.date}T00:00:00Z</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link(entry))}"/>`,
      `    <content type="html">${titles ? escapeXml(`<ul>${titles}</ul>`) : ""}</content>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    "  <title>arXiv digests</title>",
    "  <id>urn:arxiv-digest:feed</id>",
    `  <updated>${options.now.toISOString().slice(0, 19)}Z</updated>`,
    "  <author><name>arxiv-digest</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

/** Text for XML element content and attribute values (quotes included). */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** `reindex`: the ledger, the catalogue and the archive pages, rebuilt from the digests alone. */
export async function reindexFiles(store: RepositoryStore, digestsDir: string): Promise<StoreFile[]> {
  const { ledger, catalogue } = await reindex(store, digestsDir);
  const newest = catalogue.digests[0]?.date ?? "1970-01-01";
  return [
    ...ledger.files(),
    ...archiveFiles(catalogue, { digestsDir, now: new Date(`${newest}T00:00:00Z`) }),
  ];
}
