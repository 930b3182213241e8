/**
 * A local OpenAI-compatible chat completions server for tests and benchmarks.
 *
 *   const server = await startLlmServer({ latencyMs: 5 });
 *   const llm = createLlmSummariser({ baseURL: server.url, apiKey: "k", model: "m" });
 *   server.setBehaviour([replies.rateLimited({ retryAfterSeconds: 1 })]); // then normal answers
 *   ...
 *   expect(server.requests).toHaveLength(2);
 *   await server.close();
 *
 * `POST /chat/completions` and `POST /v1/chat/completions` answer with a scripted `Reply` per request, chosen by a
 * behaviour: a function `(request, index) => Reply`, or a queue of replies used in order and then normal answers.
 * A normal answer is valid JSON built from the paper found between <paper> and </paper> in the user message (its
 * abstract's sentences), in the language the system message asks for (Chinese when it mentions Chinese), with a
 * relevance score computed from the paper (`relevanceOf`) when the system message quotes the reader's <interests>.
 * Every request is recorded (path, body, headers without `authorization`), with the most requests ever in flight.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { englishAnswer, type FakePaper, fakeAnswer, relevanceOf } from "./fake-answer.js";

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  max_tokens?: number;
  [key: string]: unknown;
}

export interface RecordedRequest {
  index: number;
  path: string;
  /** Header names lower-cased; `authorization` is removed, `hadAuthorization` says whether it was sent. */
  headers: Record<string, string>;
  hadAuthorization: boolean;
  body: ChatRequestBody;
  receivedAt: number;
  /** The token counts of the answer sent (see `estimateTokens`); unset for errors. */
  usage?: { prompt: number; completion: number };
}

export interface RequestView extends RecordedRequest {
  paper: FakePaper;
  language: string;
  /** The reader's interests quoted in the system message, when the request asks for relevance. */
  interests: string | undefined;
  /** The bearer token sent, for tests that check a key is (or is not) used. Never recorded in `requests`. */
  authorization: string | undefined;
}

export type Reply =
  | {
      kind: "answer";
      content?: string | ((request: RequestView) => string);
      finishReason?: string;
      refusal?: string;
      usage?: { prompt: number; completion: number };
      latencyMs?: number;
    }
  | { kind: "error"; status: number; body?: unknown; headers?: Record<string, string>; latencyMs?: number };

export type Behaviour = (request: RequestView, index: number) => Reply;

export interface LlmServerOptions {
  /** Delay before each reply, ms (default 0). */
  latencyMs?: number;
  /** Uniform ± jitter added to the latency, ms (default 0). */
  jitterMs?: number;
  behaviour?: Behaviour | Reply[];
}

export interface LlmServer {
  /** Base URL for the SDK, e.g. http://127.0.0.1:43123/v1 */
  url: string;
  requests: RecordedRequest[];
  /** Most requests ever being handled at once. */
  readonly maxInFlight: number;
  setBehaviour(behaviour: Behaviour | Reply[]): void;
  close(): Promise<void>;
}

/** GitHub Models' 429 body: which limit was hit and how long to wait. */
function rateLimitBody(limit: string, waitSeconds: number) {
  return {
    error: {
      code: "RateLimitReached",
      message: `Rate limit of ${limit}. Please wait ${waitSeconds} seconds before retrying.`,
    },
  };
}

/** Canned replies for every scripted behaviour. */
export const replies = {
  normal: (): Reply => ({ kind: "answer" }),
  json: (value: unknown): Reply => ({ kind: "answer", content: JSON.stringify(value) }),
  rateLimited: ({
    retryAfterSeconds = 1,
    retryAfterMs,
  }: {
    retryAfterSeconds?: number;
    retryAfterMs?: number;
  } = {}): Reply => ({
    kind: "error",
    status: 429,
    headers:
      retryAfterMs !== undefined
        ? { "retry-after-ms": String(retryAfterMs) }
        : { "retry-after": String(retryAfterSeconds) },
    body: rateLimitBody(`10 per 60s exceeded for UserByModelByMinute`, retryAfterSeconds),
  }),
  /** GitHub Models' daily quota answer: a 429 asking to wait hours. */
  dailyQuota: (waitSeconds = 41_234): Reply => ({
    kind: "error",
    status: 429,
    headers: { "retry-after": String(waitSeconds) },
    body: rateLimitBody(`50 per 86400s exceeded for UserByModelByDay`, waitSeconds),
  }),
  serverError: (status = 500): Reply => ({
    kind: "error",
    status,
    body: { error: { message: "internal error" } },
  }),
  invalidJson: (): Reply => ({ kind: "answer", content: '{"tldr": "This answer stops in the mid' }),
  /** A decoding loop: one phrase from the paper, over and over. */
  repetition: (): Reply => ({
    kind: "answer",
    content: ({ paper }) => {
      const answer = englishAnswer(paper);
      return JSON.stringify({
        ...answer,
        method: `${answer.problem.split(" ").slice(0, 8).join(" ")} `.repeat(30),
      });
    },
  }),
  refusal: (): Reply => ({ kind: "answer", content: "", refusal: "I'm sorry, I can't help with that." }),
  refusalText: (): Reply => ({ kind: "answer", content: "I'm sorry, but I cannot help with this request." }),
  truncated: (): Reply => ({
    kind: "answer",
    finishReason: "length",
    content: ({ paper }) => JSON.stringify(englishAnswer(paper)).slice(0, 120),
  }),
  /** English when another language is asked, Chinese when English is asked. */
  wrongLanguage: (): Reply => ({
    kind: "answer",
    content: ({ paper, language }) =>
      JSON.stringify(fakeAnswer(paper, /chinese/i.test(language) ? "English" : "Chinese")),
  }),
  /** A prompt-injected answer: links, mentions, references, HTML and a workflow command inside valid JSON. */
  hostile: (): Reply => ({
    kind: "answer",
    content: ({ paper, language }) => {
      const answer = fakeAnswer(paper, language);
      return JSON.stringify({
        ...answer,
        tldr: `${answer.tldr} See https://evil.example/x and [arxiv.org](https://evil.example/y) @octocat`,
        takeaways: [
          ...answer.takeaways.slice(0, 2),
          "Fixes #12 and owner/repo#5 <img src=x onerror=alert(1)>",
          "::error::pwned ##[group]x",
        ],
        method: `${answer.method} Code at www.evil.example and evil-site.com/path.`,
      });
    },
  }),
} satisfies Record<string, (...args: never[]) => Reply>;

export async function startLlmServer(options: LlmServerOptions = {}): Promise<LlmServer> {
  const requests: RecordedRequest[] = [];
  let behaviour = toBehaviour(options.behaviour ?? []);
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    handle(req, res)
      .catch((error: unknown) => send(res, 500, { error: { message: String(error) } }))
      .finally(() => {
        inFlight -= 1;
      });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const raw = await readBody(req);
    if (req.method !== "POST" || !/^(\/v1)?\/chat\/completions$/.test(path)) {
      return send(res, 404, { error: { message: `no route for ${req.method} ${path}` } });
    }
    const body = JSON.parse(raw) as ChatRequestBody;
    const index = requests.length;
    const { authorization, ...headers } = flatHeaders(req);
    const recorded: RecordedRequest = {
      index,
      path,
      headers,
      hadAuthorization: authorization !== undefined,
      body,
      receivedAt: Date.now(),
    };
    requests.push(recorded);
    const view: RequestView = {
      ...recorded,
      paper: paperOf(body),
      language: languageOf(body),
      interests: interestsOf(body),
      authorization,
    };
    const reply = behaviour(view, index);
    await delay(reply.latencyMs ?? jittered(options.latencyMs ?? 0, options.jitterMs ?? 0));
    if (reply.kind === "error") return send(res, reply.status, reply.body ?? {}, reply.headers);
    const answer = completion(view, reply);
    recorded.usage = { prompt: answer.usage.prompt_tokens, completion: answer.usage.completion_tokens };
    send(res, 200, answer);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    setBehaviour(next) {
      behaviour = toBehaviour(next);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function toBehaviour(behaviour: Behaviour | Reply[]): Behaviour {
  if (typeof behaviour === "function") return behaviour;
  const queue = [...behaviour];
  return () => queue.shift() ?? replies.normal();
}

function completion(request: RequestView, reply: Extract<Reply, { kind: "answer" }>) {
  const content =
    typeof reply.content === "function"
      ? reply.content(request)
      : (reply.content ?? JSON.stringify(normalAnswer(request)));
  const usage = reply.usage ?? {
    prompt: estimateTokens(promptText(request.body)),
    completion: estimateTokens(content),
  };
  return {
    id: `chatcmpl-${request.index}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.body.model ?? "fake",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.refusal ? null : content,
          refusal: reply.refusal ?? null,
        },
        finish_reason: reply.finishReason ?? "stop",
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

/** ~4 characters a token, as OpenAI's rule of thumb for English text (JSON and Chinese run denser). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** What the model reads: every message, and the JSON schema it must answer in (providers count it as prompt). */
function promptText(body: ChatRequestBody): string {
  const messages = (body.messages ?? []).map((message) => message.content).join("\n");
  const schema = body.response_format?.json_schema?.schema;
  return schema === undefined ? messages : `${messages}\n${JSON.stringify(schema)}`;
}

/** The normal answer: a summary of the paper, and its relevance when the reader's interests are given. */
export function normalAnswer(request: Pick<RequestView, "paper" | "language" | "interests">) {
  const answer = fakeAnswer(request.paper, request.language);
  return request.interests ? { ...answer, ...relevanceOf(request.paper, request.interests) } : answer;
}

/** The reader's interests between <interests> and </interests> in the system message. */
export function interestsOf(body: ChatRequestBody): string | undefined {
  const system = body.messages?.find((message) => message.role === "system")?.content ?? "";
  return system.match(/<interests>([\s\S]*?)<\/interests>/)?.[1];
}

/** The paper inside the user message's <paper> block (the whole message when there is none). */
export function paperOf(body: ChatRequestBody): FakePaper {
  const user = body.messages?.find((message) => message.role === "user")?.content ?? "";
  const block = user.match(/<paper>([\s\S]*?)<\/paper>/)?.[1] ?? user;
  const field = (name: string) => block.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`))?.[1]?.trim();
  return { title: field("title") ?? "Untitled", abstract: field("abstract") ?? block.trim() };
}

/** "Chinese" when the system message asks for it, else "English". */
export function languageOf(body: ChatRequestBody): string {
  const system = body.messages?.find((message) => message.role === "system")?.content ?? "";
  return /Chinese|中文/.test(system) ? "Chinese" : "English";
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function jittered(latency: number, jitter: number): number {
  return Math.max(0, latency + (Math.random() * 2 - 1) * jitter);
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
