// Bad input of every kind, each with what the Action must do with it: a clear error naming the problem, or a
// digest where the bad paper is skipped (with a reason in the log) or its oversized field capped.
import { CANARY_TOKEN } from "./corpus.js";
import { feedOf, SEED_ENTRIES, seedEntry } from "./inject.js";

export interface BadInput {
  name: string;
  /** The arXiv server's answer to every request. */
  arxiv?: { body: string | Buffer; status?: number };
  /** The config file's text (the inline topic when absent). */
  config?: string;
  inputs?: Record<string, string>;
  /** A GitHub API fault (the run publishes to the local GitHub server in commit mode). */
  github?: { path: RegExp; status: number; message: string };
  /** A clear error (matched against the `::error::` line), or success with the digest's papers and a log line. */
  expect: { error: RegExp } | { papers: number; log?: RegExp };
}

const REAL = feedOf(SEED_ENTRIES.map((_, index) => seedEntry(index)));
const big = (size: number) => "lorem ipsum ".repeat(Math.ceil(size / 12)).slice(0, size);

export const BAD_INPUTS: BadInput[] = [
  {
    name: "malformed XML",
    arxiv: { body: "<feed><entry><title>x</entry></feed>" },
    expect: { error: /not well-formed XML/ },
  },
  {
    name: "truncated feed",
    arxiv: { body: REAL.slice(0, Math.floor(REAL.length / 2)) },
    expect: { error: /not well-formed XML/ },
  },
  {
    name: "entity expansion",
    arxiv: {
      body: `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${REAL.replace(/^<\?xml[^>]*>/, "").replace("<title>Golden", "<title>&c; Golden")}`,
    },
    expect: { error: /declares a DTD or entities/ },
  },
  {
    name: "external entity",
    arxiv: {
      body: `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>${REAL.replace(/^<\?xml[^>]*>/, "").replace("<title>Golden", "<title>&x; Golden")}`,
    },
    expect: { error: /declares a DTD or entities/ },
  },
  {
    name: "an HTML page",
    arxiv: { body: "<!doctype html><html><body>Service unavailable</body></html>" },
    expect: { error: /arXiv answered with an HTML page, not an Atom feed/ },
  },
  { name: "a blank body", arxiv: { body: "   " }, expect: { error: /blank response/ } },
  {
    name: "arXiv's error feed with a hostile message",
    arxiv: {
      status: 400,
      body: feedOf([
        `<entry><id>https://arxiv.org/api/errors#incorrect_id_format</id><title>Error</title><summary>bad query ::error::pwned\n::warning::x @octocat</summary><updated>2024-11-17T00:00:00Z</updated></entry>`,
      ]),
    },
    expect: { error: /arXiv rejected the query: "bad query :\u200b:error:\u200b:pwned/ },
  },
  {
    name: "a 10 MB abstract",
    arxiv: {
      body: feedOf([seedEntry(0).replace(/<\/summary>/, ` ${big(10_000_000)}</summary>`), seedEntry(1)]),
    },
    expect: { papers: 2 },
  },
  {
    name: "5,000 authors",
    arxiv: {
      body: feedOf([
        seedEntry(0).replace(
          /<\/entry>$/,
          `${"<author><name>A. Uthor</name></author>".repeat(5000)}</entry>`,
        ),
      ]),
    },
    expect: { papers: 1 },
  },
  {
    name: "invalid UTF-8 bytes",
    arxiv: {
      body: Buffer.concat([
        Buffer.from(REAL.slice(0, REAL.indexOf("Golden Noise"))),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
        Buffer.from(REAL.slice(REAL.indexOf("Golden Noise"))),
      ]),
    },
    expect: { papers: 6 },
  },
  {
    name: "entries without an id, a title or a date",
    arxiv: {
      body: feedOf([
        seedEntry(0, "../../etc/passwd"),
        seedEntry(1).replace(/<title>[^<]*<\/title>/, "<title></title>"),
        seedEntry(2).replace(/<published>[^<]*<\/published>/, "<published>yesterday ::error::x</published>"),
        seedEntry(3),
      ]),
    },
    expect: { papers: 1, log: /Skipped an unreadable arXiv entry .*entry id is not an arXiv abstract URL/ },
  },
  {
    name: "a config with wrong types",
    config: "topics:\n  - name: 5\n    max-papers: lots\n    keywords: {a: 1}\n",
    expect: { error: /\.github\/arxiv-digest\.yml: topics\[0\]\.name: .*expected string/ },
  },
  {
    name: "a config alias bomb",
    config: `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntopics: [*d]\n`,
    expect: { error: /arxiv-digest\.yml: not valid YAML: .*alias/i },
  },
  {
    name: "a config that is not YAML",
    config: "topics: [\n\t- {{{\n",
    expect: { error: /arxiv-digest\.yml: not valid YAML/ },
  },
  {
    name: "a digests-dir outside the repository",
    inputs: { "digests-dir": "../../.github/workflows" },
    expect: { error: /input digests-dir: .* must be a folder inside the repository/ },
  },
  {
    name: "GitHub's error echoing the token",
    github: {
      path: /\/git\/trees$/,
      status: 422,
      message: `tree rejected for token ${CANARY_TOKEN} ::error::x`,
    },
    expect: { error: /Could not .* GitHub answered 422: tree rejected for token \*\*\*/ },
  },
  {
    name: "a long error message (Actions may not open pull requests)",
    inputs: { mode: "pull-request" },
    github: {
      path: /\/pulls$/,
      status: 403,
      message: "GitHub Actions is not permitted to create or approve pull requests.",
    },
    expect: { error: /Allow GitHub Actions to create and approve pull requests.*, or use mode: commit\.$/ },
  },
];
