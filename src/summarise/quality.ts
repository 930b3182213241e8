// The quality gate: every model answer passes here before it can become a summary. A failure names its reason,
// which the summariser uses to retry once and then to say why the summary is unavailable.
import { type Answer, type AnswerOptions, answerSchema, LIMITS } from "./schema.js";
import {
  compressionRatio,
  duplicateNgramShare,
  longestClause,
  type Script,
  scriptShare,
  tokens,
} from "./text-metrics.js";

/**
 * Chosen on real text (test/quality.test.ts measures them): the 35 arXiv abstracts in test/fixtures/arxiv reach a
 * zlib compression ratio of 2.51 (Whisper's 2.4 would reject two of them), a duplicated 10-gram share of 0.24 and a
 * longest clause of 39 tokens; the reference digest's well-formed Chinese summaries reach 0.31 and 43 (CJK characters
 * count as tokens). Looping output scores far above the first two. The reference digest's degenerate entry does not:
 * it rambles with varied wording (ratio 1.90–2.16, share ≤ 0.03) but runs 106–795 tokens without a punctuation mark,
 * which the longest-clause check catches.
 */
export const THRESHOLDS = {
  compressionRatio: 3.0,
  duplicateNgram: { n: 10, share: 0.6, minTokens: 50 },
  longestClause: 80,
  minScriptShare: 0.5,
} as const;

export interface ModelReply {
  content: string | null | undefined;
  refusal?: string | null | undefined;
  finishReason?: string | null | undefined;
}

export type Verdict = { ok: true; answer: Answer } | { ok: false; reason: string };

const REFUSAL =
  /^\s*(i['’]?m sorry|i am sorry|sorry,|i cannot|i can['’]?t|i can not|i['’]?m unable|i am unable|as an ai|抱歉|对不起|很抱歉|我无法|我不能)/i;

export function judgeReply(reply: ModelReply, language: string, options: AnswerOptions = {}): Verdict {
  if (reply.refusal) return fail("model refused");
  if (reply.finishReason === "length") return fail("truncated answer");
  if (reply.finishReason === "content_filter") return fail("blocked by the provider's content filter");
  const content = reply.content?.trim() ?? "";
  if (content === "") return fail("empty answer");
  if (REFUSAL.test(content)) return fail("model refused");
  const parsed = parseJson(content);
  if (parsed === undefined) return fail("invalid JSON");
  const result = answerSchema(language, options).safeParse(parsed);
  if (!result.success) return fail("answer did not match the schema");
  const answer: Answer = result.data;
  const reason = judgeAnswer(answer, language);
  return reason ? fail(reason) : { ok: true, answer };
}

/** The checks on a well-formed answer: counts, lengths, refusal wording, degeneration, script. */
export function judgeAnswer(answer: Answer, language: string): string | undefined {
  if (answer.tldr.trim() === "") return "answer did not match the schema";
  if (
    !within(answer.takeaways.length, LIMITS.takeaways) ||
    !within(answer.keywords.length, LIMITS.keywords)
  ) {
    return "answer did not match the schema";
  }
  if (REFUSAL.test(answer.tldr)) return "model refused";
  const prose = proseOf(answer);
  // Degeneration first: a loop usually overflows a length cap too, and "repetitive" is the more useful reason.
  const degenerate = degeneration(`${prose}\n${answer.keywords.join(", ")}`);
  if (degenerate) return degenerate;
  if (wrongScript(prose, language)) return "answer in the wrong language";
  if (tooLong(answer)) return "answer too long";
  return undefined;
}

/** "repetitive answer" or "run-on answer" when text looks like a decoding loop; undefined for normal prose. */
export function degeneration(text: string): string | undefined {
  if (compressionRatio(text) > THRESHOLDS.compressionRatio) return "repetitive answer";
  const words = tokens(text);
  const { n, share, minTokens } = THRESHOLDS.duplicateNgram;
  if (words.length >= minTokens && duplicateNgramShare(words, n) > share) return "repetitive answer";
  if (longestClause(text) > THRESHOLDS.longestClause) return "run-on answer";
  return undefined;
}

/** True when too little of the text's letters are in the script `language` is written in. */
export function wrongScript(text: string, language: string): boolean {
  const script = scriptOf(language);
  return script !== undefined && scriptShare(text, script) < THRESHOLDS.minScriptShare;
}

const LANGUAGE_SCRIPTS: [RegExp, Script][] = [
  [/chinese|mandarin|cantonese|中文|汉语|漢語|^zh\b/i, "han"],
  [/japanese|日本語|^ja\b/i, "japanese"],
  [/korean|한국어|^ko\b/i, "hangul"],
  [/russian|ukrainian|belarusian|bulgarian|macedonian|kazakh|русский/i, "cyrillic"],
  [/arabic|persian|farsi|urdu|العربية/i, "arabic"],
  [/greek|ελληνικά/i, "greek"],
  [
    /english|french|german|spanish|portuguese|italian|dutch|polish|czech|swedish|norwegian|danish|finnish|turkish|vietnamese|indonesian|malay|romanian|hungarian|^(en|fr|de|es|pt|it|nl|pl)\b/i,
    "latin",
  ],
];

/** The script a language is written in, or undefined when unknown (then the script is not checked). */
export function scriptOf(language: string): Script | undefined {
  return LANGUAGE_SCRIPTS.find(([pattern]) => pattern.test(language.trim()))?.[1];
}

function proseOf(answer: Answer): string {
  return [
    answer.translated_title ?? "",
    answer.tldr,
    ...answer.takeaways,
    answer.problem,
    answer.method,
    answer.results,
    answer.limitations,
    answer.relevance_reason ?? "",
  ]
    .filter((part) => part.trim() !== "")
    .join("\n");
}

function tooLong(answer: Answer): boolean {
  const { chars } = LIMITS;
  return (
    answer.tldr.length > chars.tldr ||
    answer.takeaways.some((item) => item.length > chars.takeaway) ||
    [answer.problem, answer.method, answer.results, answer.limitations].some(
      (text) => text.length > chars.section,
    ) ||
    answer.keywords.some((item) => item.length > chars.keyword) ||
    (answer.translated_title?.length ?? 0) > chars.translatedTitle ||
    (answer.relevance_reason?.length ?? 0) > chars.relevanceReason
  );
}

function within(count: number, range: { min: number; max: number }): boolean {
  return count >= range.min && count <= range.max;
}

/** JSON from the answer, tolerating a markdown code fence around it (seen from json_object providers). */
function parseJson(content: string): unknown {
  const unfenced = content.replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, "$1");
  try {
    return JSON.parse(unfenced);
  } catch {
    return undefined;
  }
}

function fail(reason: string): Verdict {
  return { ok: false, reason };
}
