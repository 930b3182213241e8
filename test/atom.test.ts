import { describe, expect, it } from "vitest";
import { parseFeed } from "../src/fetch/atom.js";
import { fixture } from "./support/arxiv-server.js";

describe("the Atom parser", () => {
  it("reads the current format: ids, versions, links, DOI, journal ref, comment, categories", () => {
    const page = parseFeed(fixture("arxiv_api_search_page.xml"));
    expect(page.totalResults).toBe(214881);
    expect(page.papers).toHaveLength(10);
    const first = page.papers[0];
    expect(first).toMatchObject({
      id: "2202.12139",
      version: 1,
      title: "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques",
      primaryCategory: "cs.SE",
      categories: ["cs.SE", "cs.LG"],
      comment: "Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022",
      doi: "10.1109/ICSTW55395.2022.00035",
      published: "2022-02-24T15:05:19.000Z",
      links: {
        abs: "https://arxiv.org/abs/2202.12139",
        pdf: "https://arxiv.org/pdf/2202.12139v1",
        html: "https://arxiv.org/html/2202.12139v1",
      },
    });
    expect(first?.authors.map((author) => author.name)).toEqual([
      "Mohit Kumar Ahuja",
      "Arnaud Gotlieb",
      "Helge Spieker",
    ]);
    expect(page.papers.filter((paper) => paper.doi)).toHaveLength(6);
  });

  it("reads the older format (namespaces declared per element, wrapped lines) to the same fields", () => {
    const [paper] = parseFeed(fixture("arxiv_api_legacy_id_1111.2011v2.xml")).papers;
    expect(paper).toMatchObject({
      id: "1111.2011",
      version: 2,
      title: "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit",
      doi: "10.1103/PhysRevB.85.115117",
      comment: "8 pages, 3 figures. Published version",
      journalRef: "Phys. Rev. B 85, 115117 (2012)",
      primaryCategory: "cond-mat.str-el",
      published: "2011-11-08T18:48:36.000Z",
      updated: "2012-04-02T12:38:54.000Z",
    });
    expect(paper?.abstract).toMatch(
      /^Theoretical description of anisotropic systems, such as layered superconductors/,
    );
    expect(paper?.abstract).not.toMatch(/\s{2}|\n/);
  });

  it("matches by namespace, not prefix: a foreign element named like an arXiv one is ignored", () => {
    const xml = fixture("arxiv_api_id_single.xml").replace(
      "<arxiv:comment>",
      '<x:comment xmlns:x="urn:evil">spoofed</x:comment><arxiv:comment>',
    );
    expect(parseFeed(xml).papers[0]?.comment).toBe("20 pages, 3 figures");
  });

  it("keeps authors' affiliations in the current format (namespace declared once) and the older one", () => {
    const current = fixture("arxiv_api_id_single.xml").replace(
      "<name>Caprice Stanley</name>",
      "<name>Caprice Stanley</name>\n      <arxiv:affiliation>MIT</arxiv:affiliation>",
    );
    const older = fixture("arxiv_api_id_single.xml").replace(
      "<name>Tobias Windisch</name>",
      '<name>Tobias Windisch</name><arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Stanford</arxiv:affiliation>',
    );
    expect(parseFeed(current).papers[0]?.authors[0]).toEqual({
      name: "Caprice Stanley",
      affiliations: ["MIT"],
    });
    expect(parseFeed(older).papers[0]?.authors[1]).toEqual({
      name: "Tobias Windisch",
      affiliations: ["Stanford"],
    });
  });

  it("refuses entity declarations instead of expanding them", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">]><feed xmlns="http://www.w3.org/2005/Atom">&a;</feed>`;
    expect(() => parseFeed(xml)).toThrow(/DTD or entities/);
  });

  it("keeps old-style ids with their slash and finds code links in the abstract", () => {
    const xml = fixture("arxiv_api_id_single.xml")
      .replace("http://arxiv.org/abs/1605.08386v1", "http://arxiv.org/abs/astro-ph/0601001v3")
      .replace(
        "Graphs on lattice points",
        "Code at https://github.com/octo/heat-bath. Graphs on lattice points",
      );
    const [paper] = parseFeed(xml).papers;
    expect(paper?.id).toBe("astro-ph/0601001");
    expect(paper?.version).toBe(3);
    expect(paper?.codeLinks).toEqual(["https://github.com/octo/heat-bath"]);
  });
});
