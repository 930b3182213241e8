import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root, found from this file whether it runs from source (tests) or compiled (scripts). */
export const PROJECT_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "action.yml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the project root (action.yml)");
    dir = parent;
  }
  return dir;
})();

export function projectPath(relative: string): string {
  return join(PROJECT_ROOT, relative);
}
