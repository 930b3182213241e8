// Puts the attack corpus into real inputs: copies of the reference day's recorded arXiv entries, the model's answers,
// and the topics of a config file.
import { stringify } from "yaml";
import { fixture } from "../support/arxiv-server.js";
import type { Behaviour } from "../support/llm-server.js";
import { normalAnswer, replies } from "../support/llm-server.js";
import { ATTACKS, type Attack, type Target } from "./corpus.js";

const SEED = fixture("seed_day_2024-11-17_diffusion.xml");
export const SEED_ENTRIES = [...SEED.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((match) => match[0]);
const HEADER = SEED.slice(0, SEED.indexOf("<entry>"));

export const targeting = (target: Target) => ATTACKS.filter((attack) => attack.targets.includes(target));

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const xmlText = (attack: Attack) => (attack.rawXml ? attack.payload : escapeXml(attack.payload));

/** A feed of the given entries, with the seed day's header. */
export function feedOf(entries: string[]): string {
  const header = HEADER.replace(/<opensearch:totalResults>\d+/, `<opensearch:totalResults>${entries.length}`);
  return `${header}${entries.join("\n  ")}\n</feed>\n`;
}

/** Seed entry `index` (cycled) with its own id: new style `2411.3xxxx`, or exactly `id` when given. */
export function seedEntry(index: number, id = `2411.${30000 + index}`): string {
  const entry = SEED_ENTRIES[index % SEED_ENTRIES.length] as string;
  return entry
    .replace(/<id>http:\/\/arxiv\.org\/abs\/[^<]+<\/id>/, `<id>http://arxiv.org/abs/${id}v1</id>`)
    .replace(/arxiv\.org\/(abs|pdf)\/\d{4}\.\d{5}v\d/g, `arxiv.org/$1/${id}v1`);
}

/** One entry per attack aimed at a feed field, the payload in every field it targets. */
export function hostileEntry(attack: Attack, index: number): string {
  const has = (target: Target) => attack.targets.includes(target);
  const text = xmlText(attack);
  let entry = seedEntry(index, has("id") ? attack.payload : undefined);
  if (has("title")) entry = entry.replace(/<title>([^<]+)<\/title>/, `<title>$1 ${text}</title>`);
  if (has("abstract")) entry = entry.replace(/<\/summary>/, ` ${text}</summary>`);
  const extra = [
    has("author") || has("affiliation")
      ? `<author><name>${has("author") ? text : "Ada Lovelace"}</name>${has("affiliation") ? `<arxiv:affiliation>${text}</arxiv:affiliation>` : ""}</author>`
      : "",
    has("category")
      ? `<category term="${escapeXml(attack.payload)}" scheme="http://arxiv.org/schemas/atom"/>`
      : "",
    has("comment") ? `<arxiv:comment>${text}</arxiv:comment>` : "",
    has("journal-ref") ? `<arxiv:journal_ref>${text}</arxiv:journal_ref>` : "",
    has("doi") ? `<arxiv:doi>${text}</arxiv:doi>` : "",
  ].join("");
  return entry.replace(/<\/entry>$/, `${extra}</entry>`);
}

const FEED_TARGETS: Target[] = [
  "title",
  "abstract",
  "comment",
  "author",
  "affiliation",
  "category",
  "journal-ref",
  "doi",
  "id",
];

/** The hostile feed: the six real entries, then one entry per feed attack. */
export function hostileFeed(): string {
  const attacks = ATTACKS.filter((attack) => attack.targets.some((target) => FEED_TARGETS.includes(target)));
  return feedOf([
    ...SEED_ENTRIES.map((_, index) => seedEntry(index, `2411.${29000 + index}`)),
    ...attacks.map((attack, index) => hostileEntry(attack, index)),
  ]);
}

export const MAIN_TOPIC = "Hostile corpus";

/** The config file: the main topic (with hostile interests) and one topic named after each topic attack. */
export function hostileConfig(): { text: string; topics: string[] } {
  const named = targeting("topic").map((attack) => attack.payload);
  const topics = [
    {
      name: MAIN_TOPIC,
      query: 'all:"corpus-main"',
      interests: targeting("interests")
        .map((attack) => attack.payload)
        .join(" "),
      "max-papers": 500,
    },
    ...named.map((name, index) => ({ name, query: `all:"corpus-topic-${index}"` })),
  ];
  return { text: stringify({ topics }), topics: topics.map((topic) => topic.name) };
}

/** The arXiv server's answer: the hostile feed for the main topic, one real entry for each named topic. */
export function hostileArxiv(feed: string) {
  return (params: URLSearchParams) => {
    const query = params.get("search_query") ?? "";
    const topic = /corpus-topic-(\d+)/.exec(query)?.[1];
    return {
      body: topic === undefined ? feed : feedOf([seedEntry(Number(topic), `2411.${38000 + Number(topic)}`)]),
    };
  };
}

/** The model's answers: a normal summary with one model attack (in turn) in every field. */
export function hostileModel(): Behaviour {
  const payloads = targeting("model").map((attack) => attack.payload);
  return (request, index) => {
    const payload = payloads[index % payloads.length] as string;
    const answer = normalAnswer(request) as Record<string, unknown> & {
      takeaways: string[];
      keywords: string[];
    };
    const with_ = (text: unknown) => `${String(text ?? "")} ${payload}`.trim();
    return replies.json({
      ...answer,
      tldr: with_(answer.tldr),
      takeaways: [with_(answer.takeaways[0]), ...answer.takeaways.slice(1)],
      method: with_(answer.method),
      limitations: payload,
      keywords: [...answer.keywords, payload],
      ...(answer.relevance_reason ? { relevance_reason: with_(answer.relevance_reason) } : {}),
    });
  };
}
