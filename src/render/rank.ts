// The reader's focus: with interests, a model scores each paper 1–10. Scored papers come first, highest score first
// (ties keep the digest's order); unscored papers (extractive, or no summary) follow in their order, never dropped.
import type { DigestEntry } from "../common/paper.js";

export interface Ranking {
  /** Scored papers at or above this open the digest as highlights. */
  highlightThreshold: number;
  /** Scored papers below this are listed by title and link only (0 = off). Unscored papers are never moved. */
  minScore: number;
}

export const DEFAULT_RANKING: Ranking = { highlightThreshold: 7, minScore: 0 };

export interface Ranked {
  /** Papers shown in full, in digest order. */
  shown: DigestEntry[];
  /** The shown papers that score at least the highlight threshold, in digest order. */
  highlights: DigestEntry[];
  /** Scored papers below `minScore`, highest first: listed compactly at the end. */
  below: DigestEntry[];
}

export function scoreOf(entry: DigestEntry): number | undefined {
  return entry.outcome.ok ? entry.outcome.summary.score : undefined;
}

export function rankEntries(entries: DigestEntry[], ranking: Ranking = DEFAULT_RANKING): Ranked {
  const scored = entries.filter((entry) => scoreOf(entry) !== undefined);
  const unscored = entries.filter((entry) => scoreOf(entry) === undefined);
  // Array.prototype.sort is stable, so equal scores keep their order.
  const byScore = [...scored].sort((a, b) => (scoreOf(b) ?? 0) - (scoreOf(a) ?? 0));
  const kept = byScore.filter((entry) => (scoreOf(entry) ?? 0) >= ranking.minScore);
  const shown = [...kept, ...unscored];
  return {
    shown,
    highlights: kept.filter((entry) => (scoreOf(entry) ?? 0) >= ranking.highlightThreshold),
    below: byScore.filter((entry) => (scoreOf(entry) ?? 0) < ranking.minScore),
  };
}
