import { readFileSync } from "node:fs";
import { parseFeed } from "../work/main/src/arxiv/atom.ts";
for (const f of ["seed_day_2024-11-17_diffusion.xml","arxiv_api_search_page.xml","arxiv_api_id_single.xml","arxiv_api_empty.xml"]) {
  const p = parseFeed(readFileSync("/work/main/test/fixtures/arxiv/"+f,"utf8"));
  console.log(f, p.totalResults, p.startIndex, p.papers.length, p.skipped);
  console.log(JSON.stringify(p.papers[0],null,1)?.slice(0,1500));
}
try { parseFeed(readFileSync("/work/main/test/fixtures/arxiv/arxiv_api_error_400.xml","utf8")) } catch(e) { console.log(String(e)) }
