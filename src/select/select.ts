import type { Paper } from "../common/paper.js";
import type { TopicConfig } from "../config/settings.js";
import type { DateWindow } from "../fetch/query.js";

const DAY_MS = 86_400_000;

/**
 * The window of digest date D: papers with a version submitted in [D − days, D) UTC (arXiv's `updated` time).
 *
 * The arXiv API lists a version only once it is announced (Sunday–Thursday 20:00 US Eastern, later around holidays),
 * so a window of one day would lose what is announced late. The window reaches back `maxCatchUpDays`, and papers
 * already published (the ledger, by versionless id) are skipped, so each paper appears once, in the first digest
 * after its announcement. A new version of a paper never published before counts as new (as in arXiv's own
 * announcement, which lists replacements); a new version of a published paper does not.
 */
export function windowFor(date: string, maxCatchUpDays: number): DateWindow {
  const to = new Date(`${date}T00:00:00Z`);
  return { from: new Date(to.getTime() - maxCatchUpDays * DAY_MS), to };
}

export interface Selection {
  /** Papers for the digest, most recently updated first, at most `maxPapers`. */
  selected: Paper[];
  /** Papers that matched but exceeded `maxPapers`: listed by title, never dropped silently. */
  overflow: Paper[];
  /** New versions of published papers that match the topic (only when `isUpdate` says so). */
  updates: Paper[];
  outsideWindow: number;
  alreadyPublished: number;
  filteredOut: number;
}

export function selectPapers(
  papers: Paper[],
  topic: TopicConfig,
  window: DateWindow,
  isPublished: (paper: Paper) => boolean,
  isUpdate: (paper: Paper) => boolean = () => false,
): Selection {
  const inWindow = papers.filter((paper) => inside(paper, window));
  const fresh = inWindow.filter((paper) => !isPublished(paper));
  const updates = inWindow.filter(
    (paper) => isPublished(paper) && isUpdate(paper) && matchesTopic(paper, topic),
  );
  const matching = fresh.filter((paper) => matchesTopic(paper, topic));
  const sorted = [...matching].sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
  return {
    selected: sorted.slice(0, topic.maxPapers),
    overflow: sorted.slice(topic.maxPapers),
    updates,
    outsideWindow: papers.length - inWindow.length,
    alreadyPublished: inWindow.length - fresh.length,
    filteredOut: fresh.length - matching.length,
  };
}

function inside(paper: Paper, window: DateWindow): boolean {
  const time = Date.parse(paper.updated);
  return time >= window.from.getTime() && time < window.to.getTime();
}

/** Keywords: at least one must appear (when any are set); exclusions: none may appear. In title + abstract. */
export function matchesTopic(paper: Paper, topic: Pick<TopicConfig, "keywords" | "exclude">): boolean {
  const text = `${paper.title} ${paper.abstract}`;
  if (topic.keywords.length && !topic.keywords.some((keyword) => containsPhrase(text, keyword))) return false;
  return !topic.exclude.some((keyword) => containsPhrase(text, keyword));
}

/** Case-insensitive whole-word phrase match; whitespace and hyphens in the phrase match either. */
export function containsPhrase(text: string, phrase: string): boolean {
  return phrasePattern(phrase)?.test(text) ?? false;
}

// Each keyword is compiled once, not once per paper: a busy topic tests thousands of papers against the same few.
const phrasePatterns = new Map<string, RegExp | undefined>();

function phrasePattern(phrase: string): RegExp | undefined {
  if (!phrasePatterns.has(phrase)) {
    const words = phrase
      .replace(/^"|"$/g, "")
      .trim()
      .split(/[\s-]+/)
      .filter(Boolean)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = words.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[\\s-]+")}(?![\\p{L}\\p{N}])`, "iu")
      : undefined;
    phrasePatterns.set(phrase, pattern);
  }
  return phrasePatterns.get(phrase);
}
