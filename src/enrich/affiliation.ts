// Author notes on arXiv HTML pages are free text: LaTeXML marks whatever the author put in \affiliation as one,
// including co-author lists, e-mails and dates. Only text that reads like an institution is shown.

const MIN_CHARS = 3;
const MAX_CHARS = 200;

const INSTITUTION_WORDS = [
  "universit\\p{L}*",
  "univ",
  "institut\\p{L}*",
  "istituto",
  "labs?",
  "laborator\\p{L}*",
  "college",
  "colegio",
  "schools?",
  "academ\\p{L}*",
  "akademie",
  "cent(?:er|re|ro)s?",
  "zentrum",
  "inc",
  "ltd",
  "llc",
  "gmbh",
  "corp",
  "corporation",
  "company",
  "research",
  "departments?",
  "dept",
  "dpto",
  "facult\\p{L}*",
  "hospital",
  "clinic",
  "foundation",
  "observatory",
  "polytechni\\p{L}*",
  "politecnico",
  "[eé]cole",
  "hochschule",
  "ministry",
  "agency",
  "council",
  "technologies",
];
// Employers common on arXiv whose name alone is the whole affiliation ("Google", "NVIDIA").
const COMPANIES = [
  "google",
  "deepmind",
  "microsoft",
  "meta",
  "amazon",
  "apple",
  "nvidia",
  "ibm",
  "intel",
  "alibaba",
  "tencent",
  "baidu",
  "bytedance",
  "huawei",
  "samsung",
  "sony",
  "adobe",
  "salesforce",
  "openai",
  "anthropic",
  "qualcomm",
];
const COUNTRIES = [
  "usa",
  "u.s.a.",
  "us",
  "united states",
  "uk",
  "u.k.",
  "united kingdom",
  "china",
  "p.r. china",
  "pr china",
  "hong kong",
  "taiwan",
  "japan",
  "korea",
  "south korea",
  "republic of korea",
  "india",
  "singapore",
  "germany",
  "france",
  "italy",
  "spain",
  "portugal",
  "switzerland",
  "austria",
  "netherlands",
  "the netherlands",
  "belgium",
  "denmark",
  "sweden",
  "norway",
  "finland",
  "poland",
  "czech republic",
  "israel",
  "canada",
  "mexico",
  "brazil",
  "argentina",
  "chile",
  "australia",
  "new zealand",
  "ireland",
  "greece",
  "turkey",
  "russia",
  "iran",
  "saudi arabia",
  "united arab emirates",
  "uae",
  "egypt",
  "south africa",
  "nigeria",
];

const WORD_EDGE_START = "(?<![\\p{L}\\p{N}])";
const WORD_EDGE_END = "(?![\\p{L}\\p{N}])";
const INSTITUTION = new RegExp(
  `${WORD_EDGE_START}(?:${[...INSTITUTION_WORDS, ...COMPANIES].join("|")})${WORD_EDGE_END}`,
  "iu",
);
const CJK_INSTITUTION =
  /大学|大學|研究所|研究院|学院|學院|研究室|实验室|實驗室|研究センター|医院|病院|公司|会社|연구소|대학교|대학|연구원/;
const EMAIL_OR_URL = /@|:\/\/|\bwww\.|\bhttps?\b|[[(]\s*at\s*[\])]/i;
const ACRONYM = /(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\d&]{1,7}(?![\p{L}\p{N}])/gu;
const ROMAN_NUMERAL = /^[IVX]+$/;
const NAME_WORD = "(?:\\p{Lu}[\\p{L}'\u2019-]*\\.?|van|von|de|der|den|da|di|del|la|le|bin|al)";
const PERSON_NAME = new RegExp(`^\\p{Lu}[\\p{L}'\u2019-]*\\.?(?:\\s+${NAME_WORD}){1,3}$`, "u");
const LIST_SEPARATOR = /\s*(?:[,;&]|\band\b)\s*/;

/** True when most parts of a comma/"and" list look like "Given Family" person names. */
function isMostlyPersonNames(text: string): boolean {
  const parts = text.split(LIST_SEPARATOR).filter(Boolean);
  if (parts.length < 2) return false;
  const names = parts.filter((part) => PERSON_NAME.test(part)).length;
  return names * 5 >= parts.length * 3;
}

function hasAcronym(text: string): boolean {
  return [...text.matchAll(ACRONYM)].some((match) => !ROMAN_NUMERAL.test(match[0]));
}

/** "Dept., Org, Country": a comma list ending in a country. */
function endsWithCountry(text: string): boolean {
  const parts = text.split(",").map((part) => part.trim().toLowerCase());
  return parts.length >= 2 && COUNTRIES.includes(parts.at(-1) ?? "");
}

/** Whether free text from an author note reads like an institution rather than names, e-mails or links. */
export function looksLikeAffiliation(text: string): boolean {
  const value = text.replace(/\s+/g, " ").trim();
  if (value.length < MIN_CHARS || value.length > MAX_CHARS || !/\p{L}/u.test(value)) return false;
  if (EMAIL_OR_URL.test(value)) return false;
  if (INSTITUTION.test(value) || CJK_INSTITUTION.test(value)) return true;
  if (isMostlyPersonNames(value)) return false;
  return hasAcronym(value) || endsWithCountry(value);
}
