/** Builds arXiv API `search_query` strings (see the arXiv API user manual: fields, AND/OR/ANDNOT, submittedDate). */
export interface TopicQuery {
  query?: string;
  categories: string[];
}

export interface DateWindow {
  /** Inclusive start, UTC. */
  from: Date;
  /** Exclusive end, UTC. */
  to: Date;
}

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

export function isCategory(value: string): boolean {
  return CATEGORY.test(value);
}

/**
 * `(query) AND (cat:a OR cat:b)`. The date window is not part of the query: results come sorted by last update,
 * newest first, and paging stops at the window's start, so new papers and new versions are both seen (the API's
 * `submittedDate` filter would see first versions only).
 */
export function buildSearchQuery(topic: TopicQuery): string {
  const parts: string[] = [];
  if (topic.query?.trim()) parts.push(`(${topic.query.trim()})`);
  if (topic.categories.length)
    parts.push(`(${topic.categories.map((category) => `cat:${category}`).join(" OR ")})`);
  return parts.join(" AND ");
}
