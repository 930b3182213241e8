import type { Paper, SummaryOutcome } from "../common/paper.js";
import type { TopicConfig } from "../config/settings.js";
import { extractiveSummary } from "./extractive.js";

/** The summariser port: a model behind an OpenAI-compatible API, or the extractive fallback. */
export interface Summariser {
  kind: "llm" | "extractive";
  model?: string;
  summarise(paper: Paper, topic: TopicConfig): Promise<SummaryOutcome>;
}

export const extractiveSummariser: Summariser = {
  kind: "extractive",
  summarise: async (paper) => ({ ok: true, summary: extractiveSummary(paper) }),
};

/** A failed summary still shows something true: the extractive summary, labelled as such. Never throws. */
export async function summariseSafely(
  summariser: Summariser,
  paper: Paper,
  topic: TopicConfig,
): Promise<SummaryOutcome> {
  let outcome: SummaryOutcome;
  try {
    outcome = await summariser.summarise(paper, topic);
  } catch (error) {
    outcome = { ok: false, reason: `summariser error (${(error as Error).name})` };
  }
  if (!outcome.ok && !outcome.fallback) return { ...outcome, fallback: extractiveSummary(paper) };
  return outcome;
}
