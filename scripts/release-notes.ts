// `node .build/scripts/release-notes.js vX.Y.Z`: prints that version's CHANGELOG.md section, the release's notes.
// Fails unless the tag, package.json and a dated changelog section agree.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { projectPath } from "../test/support/project.js";

const SEMVER = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** The body of `## [version] - YYYY-MM-DD` in a Keep a Changelog file. */
export function releaseNotes(changelog: string, tag: string, packageVersion: string): string {
  const version = SEMVER.exec(tag)?.[1];
  if (!version) throw new Error(`tag ${tag} is not a version such as v1.2.3`);
  if (version !== packageVersion)
    throw new Error(`tag ${tag} does not match package.json's version ${packageVersion}`);
  const escaped = version.replace(/[.+]/g, "\\$&");
  const heading = new RegExp(`^## \\[${escaped}\\] - (.*)$`, "m").exec(changelog);
  if (!heading) throw new Error(`CHANGELOG.md has no section ## [${version}]`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(heading[1] ?? ""))
    throw new Error(`CHANGELOG.md: give ## [${version}] its release date (YYYY-MM-DD), not "${heading[1]}"`);
  const rest = changelog.slice(heading.index + heading[0].length);
  const end = rest.search(/^## |^\[[^\]]+\]: /m);
  return `${(end < 0 ? rest : rest.slice(0, end)).trim()}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pkg = JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { version: string };
  process.stdout.write(
    releaseNotes(readFileSync(projectPath("CHANGELOG.md"), "utf8"), process.argv[2] ?? "", pkg.version),
  );
}
