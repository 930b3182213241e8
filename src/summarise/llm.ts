// Summaries by an LLM behind any OpenAI-compatible endpoint: one request per paper, bounded concurrency, a
// requests-per-minute limit, its own retries (so every request is counted), a token budget, and a stop for the run
// when the quota is gone. Every answer goes through the quality gate; the summary never holds a link the model wrote.
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import pLimit from "p-limit";
import { type Sleep, sleep } from "../common/http.js";
import type { Log } from "../common/log.js";
import type { Paper, Summary, SummaryOutcome, TokenUsage } from "../common/paper.js";
import { logText } from "../safe/log.js";
import { sanitiseModelText } from "../safe/model-text.js";
import { classifyFailure, QUOTA_EXHAUSTED } from "./failure.js";
import {
  buildMessages,
  type ChatMessage,
  cleanLanguage,
  DEFAULT_PROMPT_TEMPLATE,
  parsePromptTemplate,
  type ResponseFormatKind,
} from "./prompt.js";
import { judgeReply, type ModelReply } from "./quality.js";
import { createRateLimiter } from "./rate.js";
import { type Answer, type AnswerOptions, LIMITS, SCHEMA_NAME, strictJsonSchema } from "./schema.js";
import { resolveResponseFormat } from "./settings.js";

export const TOKEN_BUDGET_SPENT = "token budget spent";

export interface LlmSummariserOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  /** Language of the summaries, e.g. "English" (default), "Chinese". */
  language?: string;
  /** Parallel requests (default 2; GitHub Models' free tier allows 2–5). */
  concurrency?: number;
  /** Request starts per minute, retries included (default 10; 0 = no limit). */
  requestsPerMinute?: number;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Prompt + completion tokens for the whole run; once spent, the remaining papers get no summary. */
  maxTokensPerRun?: number;
  /** `max_tokens` of each answer (default 1500). */
  maxOutputTokens?: number;
  /** Sent only when set: some models accept no temperature but their default. */
  temperature?: number;
  responseFormat?: ResponseFormatKind | "auto";
  /** A prompt template (see prompt.ts); the default when absent. */
  promptTemplate?: string;
  log?: Log;
  /** Retries of a failed request (429, 5xx, timeout, connection) before the paper is given up (default 2). */
  maxRetries?: number;
  /** First backoff when the server names no delay; doubles per retry (default 1 s). */
  retryBaseDelayMs?: number;
  /** A 429 asking to wait longer than this means the quota is gone for the day (default 120 s). */
  maxRetryWaitMs?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
}

export interface LlmStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Papers left without a summary, by reason. */
  failures: Record<string, number>;
  quotaExhausted: boolean;
}

export interface LlmSummariser {
  /**
   * `language` overrides the summariser's own for this paper (topics may each have their own); with `interests`
   * the same request also rates the paper's relevance to them.
   */
  summarise(paper: Paper, language?: string, interests?: string): Promise<SummaryOutcome>;
  stats(): LlmStats;
}

type Attempt = { ok: true; reply: ModelReply } | { ok: false; reason: string };

/** What one paper's request asks for: the language, and a relevance score when the reader gave interests. */
interface Ask {
  lang: string;
  interests?: string;
  answer: AnswerOptions;
}

const QUALITY_ATTEMPTS = 2;

export function createLlmSummariser(options: LlmSummariserOptions): LlmSummariser {
  const language = options.language?.trim() || "English";
  const template = parsePromptTemplate(options.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE);
  const responseFormat = resolveResponseFormat(options.responseFormat, options.baseURL);
  const wait = options.sleep ?? sleep;
  const maxRetries = options.maxRetries ?? 2;
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    logLevel: "off",
    organization: null,
    project: null,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const limit = pLimit(Math.max(1, options.concurrency ?? 2));
  const rate = createRateLimiter(options.requestsPerMinute ?? 10, wait);
  const stats: LlmStats = {
    requests: 0,
    promptTokens: 0,
    completionTokens: 0,
    failures: {},
    quotaExhausted: false,
  };
  let haltReason: string | undefined;

  const stopReason = (): string | undefined => {
    if (haltReason) return haltReason;
    const budget = options.maxTokensPerRun;
    if (budget !== undefined && stats.promptTokens + stats.completionTokens >= budget)
      return TOKEN_BUDGET_SPENT;
    return undefined;
  };

  const halt = (reason: string, paper: Paper) => {
    if (haltReason) return;
    haltReason = reason;
    stats.quotaExhausted = reason === QUOTA_EXHAUSTED;
    options.log?.warning(logText`LLM: ${reason} at paper ${paper.id}; no more requests this run`);
  };

  const request = async (messages: ChatMessage[], usage: TokenUsage, ask: Ask): Promise<ModelReply> => {
    stats.requests += 1;
    const completion = await client.chat.completions.create(requestBody(messages, ask));
    const prompt = completion.usage?.prompt_tokens ?? 0;
    const completionTokens = completion.usage?.completion_tokens ?? 0;
    usage.prompt += prompt;
    usage.completion += completionTokens;
    stats.promptTokens += prompt;
    stats.completionTokens += completionTokens;
    const choice = completion.choices[0];
    return {
      content: choice?.message.content,
      refusal: choice?.message.refusal,
      finishReason: choice?.finish_reason,
    };
  };

  const requestBody = (messages: ChatMessage[], ask: Ask): ChatCompletionCreateParamsNonStreaming => ({
    model: options.model,
    messages,
    max_tokens: options.maxOutputTokens ?? 1500,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    response_format:
      responseFormat === "json_schema"
        ? {
            type: "json_schema",
            json_schema: { name: SCHEMA_NAME, strict: true, schema: strictJsonSchema(ask.lang, ask.answer) },
          }
        : { type: "json_object" },
  });

  /** One answer, through up to `maxRetries` retries of transport failures. */
  const attempt = async (
    paper: Paper,
    messages: ChatMessage[],
    usage: TokenUsage,
    ask: Ask,
  ): Promise<Attempt> => {
    for (let retry = 0; ; retry++) {
      const stopped = stopReason();
      if (stopped) return { ok: false, reason: stopped };
      await rate.take();
      const stoppedWhileWaiting = stopReason();
      if (stoppedWhileWaiting) return { ok: false, reason: stoppedWhileWaiting };
      try {
        return { ok: true, reply: await request(messages, usage, ask) };
      } catch (error) {
        const failure = classifyFailure(error, options.maxRetryWaitMs ?? 120_000);
        if (failure.action === "halt") halt(failure.reason, paper);
        if (failure.action !== "retry" || retry >= maxRetries) return { ok: false, reason: failure.reason };
        options.log?.info(logText`LLM: ${failure.reason} for ${paper.id}; retrying`);
        await wait(failure.delayMs ?? (options.retryBaseDelayMs ?? 1000) * 2 ** retry);
      }
    }
  };

  const summariseNow = async (paper: Paper, ask: Ask): Promise<SummaryOutcome> => {
    const messages = buildMessages(template, paper, {
      language: ask.lang,
      responseFormat,
      interests: ask.interests,
    });
    const usage: TokenUsage = { prompt: 0, completion: 0 };
    let reason = "no answer";
    for (let round = 0; round < QUALITY_ATTEMPTS; round++) {
      const result = await attempt(paper, messages, usage, ask);
      if (!result.ok) return unavailable(result.reason, usage);
      const verdict = judgeReply(result.reply, ask.lang, ask.answer);
      const summary = verdict.ok ? toSummary(verdict.answer) : undefined;
      if (summary) return { ok: true, summary, usage };
      reason = verdict.ok ? "answer held no usable text" : verdict.reason;
      options.log?.info(logText`LLM: rejected the answer for ${paper.id}: ${reason}`);
    }
    return unavailable(reason, usage);
  };

  const unavailable = (reason: string, usage: TokenUsage): SummaryOutcome => {
    stats.failures[reason] = (stats.failures[reason] ?? 0) + 1;
    return { ok: false, reason, usage };
  };

  return {
    summarise: (paper, lang, interests) =>
      // One cleaned language for the prompt, the schema and the quality gate alike.
      limit(() => summariseNow(paper, askFor(cleanLanguage(lang?.trim() || language), interests?.trim()))),
    stats: () => ({ ...stats, failures: { ...stats.failures } }),
  };
}

function askFor(lang: string, interests: string | undefined): Ask {
  return interests ? { lang, interests, answer: { relevance: true } } : { lang, answer: {} };
}

/** The answer as a summary, every string stripped of links, mentions, HTML and commands. */
export function toSummary(answer: Answer): Summary | undefined {
  const clean = (text: string) => sanitiseModelText(text);
  const list = (items: string[]) => items.map(clean).filter((item) => item !== "");
  const tldr = clean(answer.tldr);
  const takeaways = list(answer.takeaways);
  if (tldr === "" || takeaways.length === 0) return undefined;
  const summary: Summary = { kind: "llm", tldr, takeaways, keywords: list(answer.keywords) };
  const optional = {
    problem: answer.problem,
    method: answer.method,
    results: answer.results,
    limitations: answer.limitations,
    translatedTitle: answer.translated_title ?? "",
  };
  for (const [key, value] of Object.entries(optional)) {
    const text = clean(value);
    if (text) summary[key as keyof typeof optional] = text;
  }
  return withScore(summary, answer);
}

/** A score outside 1–10 is dropped, not the summary: the paper then keeps its place among the unscored. */
function withScore(summary: Summary, answer: Answer): Summary {
  const score = answer.relevance === undefined ? Number.NaN : Math.round(answer.relevance);
  if (!(score >= LIMITS.relevance.min && score <= LIMITS.relevance.max)) return summary;
  const reason = sanitiseModelText(answer.relevance_reason ?? "");
  return { ...summary, score, ...(reason ? { scoreReason: reason } : {}) };
}
