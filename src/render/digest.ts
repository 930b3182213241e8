import type { Author, DigestEntry, Paper, Summary } from "../common/paper.js";
import type { TopicConfig } from "../config/settings.js";
import { withChecksum } from "../digest/frontmatter.js";
import { digestPath } from "../digest/paths.js";
import { arxivAbsUrl, arxivHtmlUrl, arxivPdfUrl, doiUrl, markdownLink } from "../safe/link.js";
import { codeSpan, markdownText } from "../safe/markdown.js";
import { belowSection, focusNote, highlightsSection, relevanceLine } from "./focus.js";
import { DEFAULT_RANKING, type Ranked, type Ranking, rankEntries, scoreOf } from "./rank.js";
import { paperAnchor, paperHeading, plural } from "./text.js";

export interface DigestInput {
  topic: TopicConfig;
  date: string;
  window: { from: Date; to: Date };
  entries: DigestEntry[];
  /** Matching papers beyond `max-papers`: listed by title and link. */
  overflow: Paper[];
  /** Papers of this topic already shown under an earlier topic today. */
  elsewhere: { paper: Paper; topic: TopicConfig }[];
  /** New versions of papers published in an earlier digest (`include-updates`). */
  updates?: { paper: Paper; previous: { date: string; topic: string; version: number } }[];
  summarizer: { kind: "llm" | "extractive"; model?: string };
  /** Highlights and `min-score` for papers a model scored against the topic's interests. */
  ranking?: Ranking;
}

const AUTHORS_SHOWN = 100;

export function renderDigest(input: DigestInput): string {
  const ranked = rankEntries(input.entries, input.ranking);
  return withChecksum(frontMatter(input, ranked), body(input, ranked));
}

function frontMatter(input: DigestInput, ranked: Ranked): Record<string, unknown> {
  // In reading order: the papers shown in full, then those listed below the minimum score.
  const entries = [...ranked.shown, ...ranked.below];
  const failed = entries.filter((entry) => !entry.outcome.ok).length;
  const usage = entries.reduce(
    (sum, entry) => ({
      prompt: sum.prompt + (entry.outcome.usage?.prompt ?? 0),
      completion: sum.completion + (entry.outcome.usage?.completion ?? 0),
    }),
    { prompt: 0, completion: 0 },
  );
  return {
    title: `${input.topic.name}: arXiv digest for ${input.date}`,
    date: input.date,
    topic: input.topic.name,
    papers: entries.map((entry) => entry.paper.id),
    versions: entries.map((entry) => entry.paper.version),
    titles: entries.map((entry) => entry.paper.title),
    ...(input.updates?.length
      ? { updated: input.updates.map(({ paper }) => ({ id: paper.id, version: paper.version })) }
      : {}),
    language: input.topic.language,
    summarizer: input.summarizer.kind,
    ...(input.summarizer.model ? { model: input.summarizer.model } : {}),
    counts: {
      papers: entries.length,
      summarised: entries.length - failed,
      unavailable: failed,
      more: input.overflow.length,
      ...(entries.some((entry) => scoreOf(entry) !== undefined)
        ? { highlights: ranked.highlights.length, "below-min-score": ranked.below.length }
        : {}),
    },
    tokens: usage,
    window: { from: input.window.from.toISOString(), to: input.window.to.toISOString() },
    categories: [...new Set(entries.map((entry) => entry.paper.primaryCategory).filter(Boolean))],
    tags: ["arxiv", input.topic.slug],
    generator: "arxiv-digest",
  };
}

function body(input: DigestInput, ranked: Ranked): string {
  const ranking = input.ranking ?? DEFAULT_RANKING;
  const parts = [header(input, ranked), highlightsSection(ranked, ranking), contents(ranked.shown)];
  ranked.shown.forEach((entry, index) => {
    parts.push(paperSection(entry, index + 1, input.topic));
  });
  parts.push(belowSection(ranked, ranking));
  if (input.updates?.length) parts.push(updatesSection(input));
  if (input.overflow.length) parts.push(overflowSection(input));
  if (input.elsewhere.length) parts.push(elsewhereSection(input));
  parts.push(footer());
  return `${parts.filter(Boolean).join("\n\n")}\n`;
}

function header(input: DigestInput, ranked: Ranked): string {
  const from = input.window.from.toISOString().slice(0, 10);
  const to = new Date(input.window.to.getTime() - 1).toISOString().slice(0, 10);
  const selectors = [
    input.topic.query ? `query ${codeSpan(input.topic.query)}` : "",
    input.topic.categories.length ? `categories ${input.topic.categories.map(codeSpan).join(", ")}` : "",
  ].filter(Boolean);
  const note =
    input.summarizer.kind === "extractive"
      ? "> [!NOTE]\n> **Extractive summaries.** Each TL;DR and key point is a sentence picked from the paper's abstract by code; no language model wrote anything here."
      : `> [!NOTE]\n> Summaries are written by a language model (${codeSpan(input.summarizer.model ?? "unknown model")}) from the abstract only and may contain mistakes: check the paper before you rely on them. Titles, authors and links come from arXiv.`;
  return [
    `# ${markdownText(input.topic.name)} · ${input.date}`,
    `**${plural(input.entries.length, "new paper")}** on arXiv, announced with versions dated ${from} to ${to} · ${selectors.join(" · ")}`,
    note,
    focusNote(input.topic, ranked),
  ]
    .filter(Boolean)
    .join("\n\n");
}

function contents(entries: DigestEntry[]): string {
  const lines = entries.map((entry, index) => {
    return `${index + 1}. [${markdownText(entry.paper.title)}](${paperAnchor(entry.paper, index + 1)}) — ${markdownText(shortAuthors(entry.paper.authors))}`;
  });
  return ["## Contents", lines.join("\n")].join("\n\n");
}

function paperSection(entry: DigestEntry, number: number, topic: TopicConfig): string {
  const { paper, outcome } = entry;
  const lines = [`---`, paperHeading(paper, number)];
  const translated = outcome.ok ? outcome.summary.translatedTitle : undefined;
  // The original title stays the heading; a translation is shown under it, never instead of it.
  if (translated && translated !== paper.title) lines.push(`*${markdownText(translated)}*`);
  const relevance = relevanceLine(entry, topic);
  if (relevance) lines.push(relevance);
  lines.push(`**Authors:** ${authorList(paper.authors)}`);
  lines.push(metadataLine(paper));
  const details = [
    paper.comment ? `**Comment:** ${markdownText(paper.comment)}` : "",
    paper.journalRef ? `**Journal ref:** ${markdownText(paper.journalRef)}` : "",
    paper.doi ? `**DOI:** ${doiLink(paper.doi)}` : "",
    paper.codeLinks.length
      ? `**Code:** ${paper.codeLinks.map((link) => markdownLink(linkLabel(link), link)).join(" · ")}`
      : "",
  ].filter(Boolean);
  if (details.length) lines.push(details.join("  \n"));
  if (paper.figure) lines.push(figureImage(paper.figure));
  if (outcome.ok) lines.push(summaryBlock(outcome.summary));
  else {
    lines.push(`> [!WARNING]\n> **Summary unavailable:** ${markdownText(outcome.reason)}`);
    if (outcome.fallback) lines.push(summaryBlock(outcome.fallback));
  }
  lines.push(abstractBlock(paper));
  return lines.join("\n\n");
}

function metadataLine(paper: Paper): string {
  const categories = paper.categories.map((category) =>
    category === paper.primaryCategory ? `**${codeSpan(category)}**` : codeSpan(category),
  );
  return [
    markdownLink(`arXiv:${paper.id}`, arxivAbsUrl(paper.id)),
    markdownLink("PDF", arxivPdfUrl(paper.id, paper.version)),
    markdownLink("HTML", arxivHtmlUrl(paper.id, paper.version)),
    categories.join(" "),
    paper.version > 1
      ? `v${paper.version} of ${paper.updated.slice(0, 10)} (first version ${paper.published.slice(0, 10)})`
      : `submitted ${paper.published.slice(0, 10)}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

function summaryBlock(summary: Summary): string {
  const label = summary.kind === "extractive" ? " *(picked from the abstract)*" : "";
  const parts = [`**TL;DR**${label} — ${markdownText(summary.tldr)}`];
  if (summary.takeaways.length) {
    parts.push(
      `**Key takeaways**\n\n${summary.takeaways.map((item) => `- ${markdownText(item)}`).join("\n")}`,
    );
  }
  const sections: [string, string | undefined][] = [
    ["Problem", summary.problem],
    ["Method", summary.method],
    ["Results", summary.results],
    ["Limitations", summary.limitations],
  ];
  for (const [name, text] of sections) if (text) parts.push(`**${name}.** ${markdownText(text)}`);
  if (summary.keywords?.length)
    parts.push(`**Keywords:** ${summary.keywords.map((word) => markdownText(word)).join(", ")}`);
  return parts.join("\n\n");
}

function abstractBlock(paper: Paper): string {
  return `<details><summary>Abstract</summary>\n\n${markdownText(paper.abstract || "(no abstract)")}\n\n</details>`;
}

function overflowSection(input: DigestInput): string {
  const lines = input.overflow.map(
    (paper) =>
      `- ${markdownLink(markdownText(paper.title), arxivAbsUrl(paper.id))} — ${markdownText(shortAuthors(paper.authors))}`,
  );
  return [
    `## ${plural(input.overflow.length, "more paper")}`,
    `These also matched but are over this topic's limit of ${input.topic.maxPapers} papers (\`max-papers\`), so they are listed without a summary.`,
    lines.join("\n"),
  ].join("\n\n");
}

function updatesSection(input: DigestInput): string {
  const lines = (input.updates ?? []).map(({ paper, previous }) => {
    const earlier = `../../${digestPath("", previous.date, previous.topic).slice(1)}`;
    return `- ${markdownLink(markdownText(paper.title), arxivAbsUrl(paper.id))} — v${paper.version} of ${paper.updated.slice(0, 10)}; v${previous.version} was in the ${markdownLink(`digest of ${previous.date}`, earlier)}`;
  });
  return ["## Updated papers", "New versions of papers from earlier digests:", lines.join("\n")].join("\n\n");
}

function elsewhereSection(input: DigestInput): string {
  const lines = input.elsewhere.map(
    ({ paper, topic }) =>
      `- ${markdownLink(markdownText(paper.title), arxivAbsUrl(paper.id))} — in ${markdownText(topic.name)}`,
  );
  return [`## Also matched`, `Already summarised under another topic today:`, lines.join("\n")].join("\n\n");
}

function footer(): string {
  return "---\n\n<sub>Made by arxiv-digest from arXiv's metadata. Thank you to arXiv for use of its open access interoperability.</sub>";
}

function authorList(authors: Author[]): string {
  if (!authors.length) return "(none listed)";
  const shown = authors.slice(0, AUTHORS_SHOWN).map((author) => {
    const affiliation = author.affiliations.length ? ` (${author.affiliations.join("; ")})` : "";
    return markdownText(`${author.name}${affiliation}`);
  });
  const more =
    authors.length > AUTHORS_SHOWN ? `, and ${authors.length - AUTHORS_SHOWN} more (see arXiv)` : "";
  return `${shown.join(", ")}${more}`;
}

function shortAuthors(authors: Author[]): string {
  const first = authors[0]?.name ?? "unknown authors";
  return authors.length > 2 ? `${first} et al.` : authors.map((author) => author.name).join(", ") || first;
}

function doiLink(doi: string): string {
  const url = doiUrl(doi);
  return url ? markdownLink(markdownText(doi), url) : markdownText(doi);
}

function linkLabel(url: string): string {
  return markdownText(url.replace(/^https:\/\//, ""));
}

/** The paper's first figure from its arXiv HTML page (an absolute arxiv.org URL, checked by the parser). */
function figureImage(figure: NonNullable<Paper["figure"]>): string {
  const label = figure.caption ? `Figure 1: ${markdownText(figure.caption)}` : "Figure 1";
  return `!${markdownLink(label, figure.url)}`;
}
