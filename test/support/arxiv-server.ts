import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { projectPath } from "./project.js";

/** A response the fake arXiv API sends: a recorded fixture (by file name) or any body. */
export interface ArxivReply {
  status?: number;
  fixture?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export interface ArxivRequest {
  at: number;
  params: Record<string, string>;
}

export type ArxivBehaviour = (params: URLSearchParams, index: number) => ArxivReply;

const FIXTURES = projectPath("test/fixtures/arxiv/");

export function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, "utf8");
}

/**
 * A local arXiv API (`GET /api/query`) on 127.0.0.1 that answers with real recorded responses. Every request is
 * logged with its time, so tests can check paging and spacing.
 */
export async function startArxivServer(behaviour: ArxivBehaviour, options: { latencyMs?: number } = {}) {
  const requests: ArxivRequest[] = [];
  let current = behaviour;
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const index = requests.length;
    requests.push({ at: Date.now(), params: Object.fromEntries(url.searchParams) });
    const reply = current(url.searchParams, index);
    const body = reply.fixture ? fixture(reply.fixture) : (reply.body ?? "");
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    response.writeHead(reply.status ?? 200, {
      "content-type": "application/atom+xml; charset=utf-8",
      ...reply.headers,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    requests,
    setBehaviour(next: ArxivBehaviour) {
      current = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ArxivServer = Awaited<ReturnType<typeof startArxivServer>>;

/** Always the same recorded page, whatever the query (the fixture holds what the query would return). */
export const always =
  (name: string): ArxivBehaviour =>
  () => ({ fixture: name });
