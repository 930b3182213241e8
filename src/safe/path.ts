import { isAbsolute, relative, resolve } from "node:path";

/** A slug of `[a-z0-9-]` made from any text; never empty. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "topic";
}

/** Resolves a repository-relative path under `root`, refusing anything that would escape it. */
export function resolveUnder(root: string, path: string): string {
  if (isAbsolute(path) || path.includes("\0"))
    throw new Error(`refusing to write outside the digests folder: ${JSON.stringify(path)}`);
  const target = resolve(root, path);
  const rel = relative(resolve(root), target);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    throw new Error(`refusing to write outside the digests folder: ${JSON.stringify(path)}`);
  }
  return target;
}

/** True when a repository-relative path stays inside `dir` (both POSIX, repository-relative). */
export function isUnder(dir: string, path: string): boolean {
  const parts = path.split("/");
  if (parts.some((part) => part === ".." || part === "." || part === "")) return false;
  return path.startsWith(`${dir.replace(/\/+$/, "")}/`);
}
