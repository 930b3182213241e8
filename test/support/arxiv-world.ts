import { fixture } from "./arxiv-server.js";

/**
 * A simulated arXiv over several weeks, made of real recorded entries (their text, authors and categories) given new
 * ids and times. Papers are announced on weekday mornings (UTC) as arXiv does (Sunday–Thursday 20:00 US Eastern), and
 * the API lists a paper only once announced, so what a run sees depends on the day it runs.
 */
export interface WorldPaper {
  id: string;
  version: number;
  /** Topics whose query the paper matches: the server's stand-in for arXiv's search. */
  topics: string[];
  /** When this version was submitted (the Atom `updated`), and the first version (`published`). */
  updated: string;
  published: string;
  /** Day (YYYY-MM-DD) from whose morning the API lists this version. */
  announced: string;
  entry: string;
}

const REAL_ENTRIES = [
  "seed_day_2024-11-17_diffusion.xml",
  "arxiv_api_search_page.xml",
  "arxiv_api_search_page_start5.xml",
]
  .flatMap((name) => [...fixture(name).matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((match) => match[0]))
  .filter((entry, index, all) => all.findIndex((other) => idOf(other) === idOf(entry)) === index);

const HEADER = fixture("seed_day_2024-11-17_diffusion.xml").split("<entry>")[0] as string;

function idOf(entry: string): string {
  return /<id>([^<]+)<\/id>/.exec(entry)?.[1]?.replace(/v\d+$/, "") ?? "";
}

export function isWeekday(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The entry text with a new id, version and times; everything else as arXiv recorded it. */
function entryFor(template: string, paper: Omit<WorldPaper, "entry">): string {
  const versioned = `${paper.id}v${paper.version}`;
  return template
    .replace(/<id>[^<]+<\/id>/, `<id>http://arxiv.org/abs/${versioned}</id>`)
    .replace(/arxiv\.org\/(abs|pdf)\/[^"<]+/g, `arxiv.org/$1/${versioned}`)
    .replace(/<updated>[^<]+<\/updated>/, `<updated>${paper.updated}</updated>`)
    .replace(/<published>[^<]+<\/published>/, `<published>${paper.published}</published>`);
}

export class ArxivWorld {
  readonly papers: WorldPaper[] = [];
  private next = 0;

  /** A new paper announced on `day` (a weekday), submitted the previous afternoon. */
  announce(day: string, topics: string[]): WorldPaper {
    const template = REAL_ENTRIES[this.next % REAL_ENTRIES.length] as string;
    const id = `2411.${String(30000 + this.next++).padStart(5, "0")}`;
    const submitted = `${addDays(day, -1)}T15:00:00Z`;
    const base = { id, version: 1, topics, updated: submitted, published: submitted, announced: day };
    const paper = { ...base, entry: entryFor(template, base) };
    this.papers.push(paper);
    return paper;
  }

  /** A new version of `paper`, announced on `day`: from then on the API lists it instead of the old one. */
  revise(paper: WorldPaper, day: string): WorldPaper {
    const template = REAL_ENTRIES[(Number(paper.id.slice(5)) - 30000) % REAL_ENTRIES.length] as string;
    const base = {
      ...paper,
      version: paper.version + 1,
      updated: `${addDays(day, -1)}T16:00:00Z`,
      announced: day,
    };
    const revised = { ...base, entry: entryFor(template, base) };
    this.papers.push(revised);
    return revised;
  }

  /** What the API lists on the morning of `day`: the latest announced version of each paper. */
  visible(day: string): WorldPaper[] {
    const latest = new Map<string, WorldPaper>();
    for (const paper of this.papers) if (paper.announced <= day) latest.set(paper.id, paper);
    return [...latest.values()].sort((a, b) => b.updated.localeCompare(a.updated));
  }

  /** One page of the API's answer for a query (the topic is recognised by a word of its query). */
  page(day: string, params: URLSearchParams): string {
    const query = params.get("search_query") ?? "";
    const matching = this.visible(day).filter((paper) => paper.topics.some((topic) => query.includes(topic)));
    const start = Number(params.get("start") ?? 0);
    const size = Number(params.get("max_results") ?? 100);
    const entries = matching.slice(start, start + size).map((paper) => paper.entry);
    return `${HEADER.replace(/<opensearch:totalResults>\d+/, `<opensearch:totalResults>${matching.length}`)}${entries.join("\n  ")}\n</feed>\n`;
  }
}
