// The digest's sections for a reader's focus: highlights at the top, each paper's relevance, and the compact list of
// papers below `min-score` at the end (said aloud, never silent).

import type { DigestEntry } from "../common/paper.js";
import type { TopicConfig } from "../config/settings.js";
import { arxivAbsUrl, arxivPdfUrl, markdownLink } from "../safe/link.js";
import { markdownText } from "../safe/markdown.js";
import { type Ranked, type Ranking, scoreOf } from "./rank.js";
import { paperAnchor, plural } from "./text.js";

/** "Highlights": the shown papers scoring at least the threshold, linked to their sections. */
export function highlightsSection(ranked: Ranked, ranking: Ranking): string | undefined {
  if (!ranked.highlights.length) return undefined;
  const lines = ranked.highlights.map((entry) => {
    const number = ranked.shown.indexOf(entry) + 1;
    const link = `[${markdownText(entry.paper.title)}](${paperAnchor(entry.paper, number)})`;
    const reason = reasonOf(entry);
    return `- **${scoreOf(entry)}/10** ${link}${reason ? ` — ${markdownText(reason)}` : ""}`;
  });
  return [
    "## Highlights",
    `Scored ${ranking.highlightThreshold} or more of 10 for this topic's interests:`,
    lines.join("\n"),
  ].join("\n\n");
}

/** One line under the interests: how the papers are ordered, and for what. */
export function focusNote(topic: TopicConfig, ranked: Ranked): string | undefined {
  const scored = [...ranked.shown, ...ranked.below].filter((entry) => scoreOf(entry) !== undefined);
  if (!topic.interests || !scored.length) return undefined;
  const unscored = ranked.shown.length + ranked.below.length > scored.length;
  const rest = unscored ? " Papers without a score follow in their usual order." : "";
  return `**Sorted by relevance** (a score from 1 to 10 the model gave each paper) to these interests: ${markdownText(topic.interests)}.${rest}`;
}

/** The paper's score and reason, or a plain "not rated" when interests are set but this paper got no score. */
export function relevanceLine(entry: DigestEntry, topic: TopicConfig): string | undefined {
  const score = scoreOf(entry);
  if (score === undefined)
    return topic.interests && entry.outcome.ok && entry.outcome.summary.kind === "llm"
      ? "**Relevance:** not rated"
      : undefined;
  const reason = reasonOf(entry);
  return `**Relevance:** ${score}/10${reason ? ` — ${markdownText(reason)}` : ""}`;
}

/** Papers scored below `min-score`: titles and links only, with how many and why. */
export function belowSection(ranked: Ranked, ranking: Ranking): string | undefined {
  if (!ranked.below.length) return undefined;
  const lines = ranked.below.map(
    ({ paper }) =>
      `- ${markdownLink(markdownText(paper.title), arxivAbsUrl(paper.id))} · ${markdownLink("PDF", arxivPdfUrl(paper.id, paper.version))}`,
  );
  return [
    `## ${plural(ranked.below.length, "paper")} below the minimum score`,
    `${ranked.below.length === 1 ? "This paper" : "These papers"} scored below ${ranking.minScore} of 10 (\`min-score\`) for this topic's interests, so ${ranked.below.length === 1 ? "it is" : "they are"} listed by title and link only. ${ranked.below.length === 1 ? "It is" : "They are"} still part of this digest and will not be listed again.`,
    lines.join("\n"),
  ].join("\n\n");
}

function reasonOf(entry: DigestEntry): string | undefined {
  return entry.outcome.ok ? entry.outcome.summary.scoreReason : undefined;
}
