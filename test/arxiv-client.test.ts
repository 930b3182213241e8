import { afterEach, describe, expect, it } from "vitest";
import { ArxivClient } from "../src/fetch/client.js";
import { type ArxivServer, fixture, startArxivServer } from "./support/arxiv-server.js";
import { memoryLog } from "./support/log.js";

let server: ArxivServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, options: Partial<ConstructorParameters<typeof ArxivClient>[0]> = {}) {
  return new ArxivClient({
    apiUrl: url,
    intervalMs: 150,
    pageSize: 10,
    retries: 3,
    maxResults: 2000,
    log: memoryLog(),
    ...options,
  });
}

// The real recordings of one query at start=0 and start=5, with totalResults set to 15 so paging ends after page 2.
const PAGE_1 = fixture("arxiv_api_search_page.xml").replace(
  /<opensearch:totalResults>\d+/,
  "<opensearch:totalResults>15",
);
const PAGE_2 = fixture("arxiv_api_search_page_start5.xml").replace(
  /<opensearch:totalResults>\d+/,
  "<opensearch:totalResults>15",
);

describe("paging through arXiv", () => {
  it("reads every page once, spaces requests by the interval and survives a failing page", async () => {
    // Page 2 (start=10) first answers 503, then the real start=5 recording (entries 5..14, so 5 repeat page 1).
    let failed = false;
    server = await startArxivServer((params) => {
      if (params.get("start") === "0") return { body: PAGE_1 };
      if (!failed) {
        failed = true;
        return { status: 503, body: "Service Unavailable" };
      }
      return { body: PAGE_2 };
    });
    const log = memoryLog();
    const result = await client(server.url, { log }).search("all:testing");
    const ids = result.papers.map((paper) => paper.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(15);
    expect(server.requests.map((request) => request.params.start)).toEqual(["0", "10", "10"]);
    const gaps = server.requests
      .slice(1)
      .map((request, index) => request.at - (server?.requests[index]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(145);
    expect(server.requests[0]?.params).toMatchObject({
      search_query: "all:testing",
      sortBy: "lastUpdatedDate",
      sortOrder: "descending",
      max_results: "10",
    });
    expect(log.lines.some((line) => line.includes("HTTP 503"))).toBe(true);
  });

  it("treats an empty first page with totalResults 0 as no papers, in one request", async () => {
    server = await startArxivServer(() => ({ fixture: "arxiv_api_empty.xml" }));
    const result = await client(server.url).search("all:nothing");
    expect(result.papers).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("retries an empty non-first page and blank bodies, then gives up with the query in the error", async () => {
    const empty = fixture("arxiv_api_empty.xml").replace(
      /<opensearch:totalResults>0/,
      "<opensearch:totalResults>15",
    );
    server = await startArxivServer((params, index) => {
      if (params.get("start") === "0") return { body: PAGE_1 };
      return index % 2 ? { body: empty } : { body: "" };
    });
    await expect(client(server.url, { intervalMs: 10 }).search("all:testing")).rejects.toThrow(
      /did not answer the query after 4 attempts .*Query: all:testing/,
    );
    expect(server.requests).toHaveLength(5);
  });

  it("honours retry-after on 429", async () => {
    server = await startArxivServer((_params, index) =>
      index === 0 ? { status: 429, headers: { "retry-after": "1" } } : { fixture: "arxiv_api_empty.xml" },
    );
    await client(server.url, { intervalMs: 10 }).search("all:x");
    expect((server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it("turns arXiv's error feed into an error quoting its message and the query, without retrying", async () => {
    server = await startArxivServer(() => ({ status: 400, fixture: "arxiv_api_error_400.xml" }));
    await expect(client(server.url).search("id:abc")).rejects.toThrow(
      'arXiv rejected the query: "incorrect id format for abc". Query: id:abc',
    );
    expect(server.requests).toHaveLength(1);
  });

  it("stops paging once results are older than the window", async () => {
    server = await startArxivServer(() => ({ body: PAGE_1 }));
    await client(server.url).search("all:testing", new Date("2030-01-01T00:00:00Z"));
    expect(server.requests).toHaveLength(1);
  });
});

describe("answers that another try cannot mend", () => {
  it("refuses a DTD once, naming the query, without retrying", async () => {
    server = await startArxivServer(() => ({
      body: `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "b">]><feed xmlns="http://www.w3.org/2005/Atom">&a;</feed>`,
    }));
    await expect(client(server.url).search("all:x")).rejects.toThrow(/DTD or entities.*Query: all:x/);
    expect(server.requests).toHaveLength(1);
  });
});
