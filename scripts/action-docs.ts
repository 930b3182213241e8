// `npm run docs`: rewrites the inputs and outputs tables of README.md from action.yml (a test fails when they drift).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { projectPath } from "../test/support/project.js";

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ").trim();
}

export function inputsTable(action: ActionYml): string {
  const rows = Object.entries(action.inputs).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.default ? `\`${cell(input.default)}\`` : ""} | ${cell(input.description)} |`,
  );
  return ["| input | default | description |", "|---|---|---|", ...rows].join("\n");
}

export function outputsTable(action: ActionYml): string {
  const rows = Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
  );
  return ["| output | description |", "|---|---|", ...rows].join("\n");
}

function replaceBlock(text: string, name: string, content: string): string {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!pattern.test(text))
    throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
  return text.replace(pattern, (_match, start: string, end: string) => `${start}${content}\n${end}`);
}

/** The README with its tables rebuilt from action.yml. */
export function syncedReadme(readme: string, actionYml: string): string {
  const action = parse(actionYml) as ActionYml;
  return replaceBlock(replaceBlock(readme, "inputs", inputsTable(action)), "outputs", outputsTable(action));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const readmePath = projectPath("README.md");
  writeFileSync(
    readmePath,
    syncedReadme(readFileSync(readmePath, "utf8"), readFileSync(projectPath("action.yml"), "utf8")),
  );
}
