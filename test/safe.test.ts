// The neutralisers of src/safe/, one sink at a time, and a scan of src/ that keeps every log write going through them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { doiUrl } from "../src/safe/link.js";
import { logText, neutraliseLogValue } from "../src/safe/log.js";
import { markdownText } from "../src/safe/markdown.js";
import { linkProblems, mathProblems } from "./attacks/checks.js";
import { realAbstracts } from "./support/abstracts.js";
import { projectPath } from "./support/project.js";

describe("markdown text", () => {
  it("keeps the TeX math of real abstracts exactly as written", () => {
    const spans = realAbstracts().flatMap((abstract) => abstract.match(/\$[^$<>&@`[\]]+?\$/g) ?? []);
    expect(spans.length).toBeGreaterThan(5);
    for (const span of spans) expect(markdownText(`we use ${span} here`)).toContain(span);
    expect(markdownText("an $\\ell_p$ ball and $$\\sum_i x_i$$")).toBe(
      "an $\\ell_p$ ball and $$\\sum_i x_i$$",
    );
  });

  it("leaves no link inside math, where GitHub may not read the span as math", () => {
    const out = markdownText("$[a](//evil.example)$ and $![i](https://evil.example/x.png)$");
    expect(out).not.toContain("](");
    expect(linkProblems(out)).toEqual([]);
  });

  it("defuses MathJax commands that style, link or define, \\bbox among them", () => {
    for (const command of ["bbox[background:url(x)]{y}", "mathtip{a}{b}", "texttip{a}{b}", "let\\x\\y"]) {
      expect(mathProblems(markdownText(`$\\${command}$`)), command).toEqual([]);
    }
  });

  it("escapes a `$` left unpaired, so GitHub cannot pair it with a later one", () => {
    expect(markdownText("costs \\$5 and $x$")).toBe("costs \\\\\\$5 and $x$");
    expect(markdownText("$5 only")).toBe("\\$5 only");
  });
});

describe("log values", () => {
  it("leave no command made of a value and the text around it", () => {
    const line = logText`${"x:"}:error${":"}:y ${"#"}#[add-mask]`;
    expect(line).not.toMatch(/::|##\[/);
  });

  it("are cut at 300 characters unless a longer limit is given (error messages)", () => {
    const long = "a".repeat(1000);
    expect(neutraliseLogValue(long)).toHaveLength(301);
    expect(neutraliseLogValue(long, 2000)).toBe(long);
  });
});

describe("links", () => {
  it("shows a DOI that cannot be encoded as text, without throwing", () => {
    expect(doiUrl("10.1234/x\ud800y")).toBeUndefined();
    expect(doiUrl("10.1234/ok")).toBe("https://doi.org/10.1234/ok");
  });
});

/** Every `.ts` file under src/, relative to the project, with its text. */
function sources(): [string, string][] {
  const root = projectPath("src");
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => [`src/${name}`, readFileSync(join(root, name), "utf8")]);
}

describe("the only ways to the log", () => {
  const files = sources();

  it("no console, and stdout/stderr written only by the CLI", () => {
    for (const [path, text] of files) {
      expect(text, path).not.toMatch(/\bconsole\./);
      if (path !== "src/cli.ts") expect(text, path).not.toMatch(/process\.(stdout|stderr)\.write/);
    }
  });

  it("@actions/core imported by src/action.ts alone", () => {
    const importers = files.filter(([, text]) =>
      /from "@actions\/core"|require\("@actions\/core"\)/.test(text),
    );
    expect(importers.map(([path]) => path)).toEqual(["src/action.ts"]);
  });

  it("LogText made by the logText tag alone: no cast to it elsewhere", () => {
    const casts = files.filter(([, text]) => /\bas\s+LogText\b|<LogText>/.test(text)).map(([path]) => path);
    expect(casts).toEqual(["src/safe/log.ts"]);
  });

  it("every @actions/core message in src/action.ts is neutralised or redacted first", () => {
    const action = files.find(([path]) => path === "src/action.ts")?.[1] ?? "";
    const calls = [...action.matchAll(/core\.(info|warning|error|notice|debug|setFailed|group)\(([^)]*)/g)];
    expect(calls.length).toBeGreaterThan(3);
    for (const [call, , argument] of calls)
      expect(argument, call).toMatch(/^(redactSecrets|neutraliseLogValue|messageText)\(/);
  });
});

describe("secrets in log values", () => {
  it("are blanked before a value is cut to length, so not even a prefix reaches the log", async () => {
    const { neutraliseLogValue, registerSecret } = await import("../src/safe/log.js");
    const secret = "sk-prefix-canary-0123456789abcdef";
    registerSecret(secret);
    const line = neutraliseLogValue(`${"x".repeat(290)}${secret}`);
    expect(line).not.toContain("sk-prefix");
    expect(line).toContain("***");
  });
});
