// Which endpoint, key and model to use, from the Action's inputs.
import type { ResponseFormatKind } from "./prompt.js";

export const GITHUB_MODELS_URL = "https://models.github.ai/inference";
export const GITHUB_MODELS_DEFAULT_MODEL = "openai/gpt-4.1-mini";

export interface LlmSettingsInput {
  llmBaseUrl?: string | undefined;
  llmModel?: string | undefined;
  llmApiKey?: string | undefined;
  githubToken?: string | undefined;
}

export interface LlmSettings {
  baseURL: string;
  apiKey: string;
  model: string;
  provider: "github-models" | "custom";
}

/**
 * GitHub Models with the workflow's token when no endpoint is given; the given endpoint otherwise; undefined when
 * there is nothing to call (the caller then falls back to extractive summaries and says so). The GitHub token is
 * only ever sent to GitHub Models, never to another endpoint.
 */
export function resolveLlmSettings(input: LlmSettingsInput): LlmSettings | undefined {
  const baseURL = blankToUndefined(input.llmBaseUrl);
  const model = blankToUndefined(input.llmModel);
  const apiKey = blankToUndefined(input.llmApiKey);
  const token = blankToUndefined(input.githubToken);
  if (!baseURL || isGitHubModels(baseURL)) {
    const key = apiKey ?? token;
    if (!key) return undefined;
    return {
      baseURL: baseURL ?? GITHUB_MODELS_URL,
      apiKey: key,
      model: model ?? GITHUB_MODELS_DEFAULT_MODEL,
      provider: "github-models",
    };
  }
  if (!model) throw new Error("llm-model is required when llm-base-url is set");
  // Local servers (Ollama, vLLM) take no key, but the SDK insists on one.
  return { baseURL, apiKey: apiKey ?? "unused", model, provider: "custom" };
}

export function isGitHubModels(baseURL: string): boolean {
  return hostOf(baseURL) === "models.github.ai";
}

/** `auto`: json_object where the provider has no structured output (DeepSeek), json_schema elsewhere. */
export function resolveResponseFormat(
  requested: ResponseFormatKind | "auto" | undefined,
  baseURL: string,
): ResponseFormatKind {
  if (requested && requested !== "auto") return requested;
  return hostOf(baseURL).includes("deepseek") ? "json_object" : "json_schema";
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return "";
  }
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}
