import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ArxivReply, fixture } from "./arxiv-server.js";

export interface HtmlRequest {
  at: number;
  /** The page asked for, e.g. `2410.00260v2`. */
  page: string;
}

/** What the fake HTML server answers for a page (`2410.00260v2`); the n-th request overall is `index`. */
export type HtmlBehaviour = (page: string, index: number) => ArxivReply;

/**
 * A local arXiv HTML server (`GET /html/<id>v<version>`) on 127.0.0.1, in the style of the arXiv API server: real
 * recorded pages by fixture name, every request logged with its time so tests can check spacing.
 */
export async function startHtmlServer(behaviour: HtmlBehaviour) {
  const requests: HtmlRequest[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const page = decodeURI(path.replace(/^\/html\//, ""));
    const index = requests.length;
    requests.push({ at: Date.now(), page });
    const reply = behaviour(page, index);
    response.writeHead(reply.status ?? 200, { "content-type": "text/html; charset=utf-8", ...reply.headers });
    response.end(reply.fixture ? fixture(reply.fixture) : (reply.body ?? ""));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/html`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type HtmlServer = Awaited<ReturnType<typeof startHtmlServer>>;

export const HTML_FIXTURE = "arxiv_html_2410.00260v2_trimmed.html";

/** The real recorded page for 2410.00260v2, a 404 (arXiv's answer for a paper without HTML) for any other. */
export const recordedPageOnly: HtmlBehaviour = (page) =>
  page === "2410.00260v2" ? { fixture: HTML_FIXTURE } : { status: 404, body: "<h1>Not Found</h1>" };
