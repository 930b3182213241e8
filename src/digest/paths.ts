import { slugify } from "../safe/path.js";

/** `<dir>/<YYYY>/<MM>/<YYYY-MM-DD>-<topic-slug>.md`: no folder holds more than a month of digests. */
export function digestPath(dir: string, date: string, topicSlug: string): string {
  const [year, month] = date.split("-");
  return `${dir}/${year}/${month}/${date}-${slugify(topicSlug)}.md`;
}
