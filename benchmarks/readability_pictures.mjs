// Worker for bench_pictures.py: reads JSON lines {"id", "url", "html"} on stdin and
// writes one JSON object {id: [[variant, ...], ...] | null} on stdout: for each picture
// Mozilla's Readability keeps in the article, its src and its srcset candidates
// (resolved by Readability against the page URL). null when Readability finds no article.
// Needs benchmarks/setup_peers_node.sh (node_modules in benchmarks/.peers-node).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, ".peers-node", "package.json"));
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;

const out = {};
for (const line of input.split("\n")) {
  if (!line.trim()) continue;
  const page = JSON.parse(line);
  try {
    const dom = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    if (!article || !article.content) { out[page.id] = null; continue; }
    const holder = new JSDOM(`<body>${article.content}</body>`, { url: page.url });
    const pictures = [];
    for (const img of holder.window.document.querySelectorAll("img")) {
      const variants = [];
      const src = img.getAttribute("src");
      if (src) variants.push(src);
      for (const set of [img.getAttribute("srcset"), img.parentElement && img.parentElement.tagName === "PICTURE" ? Array.from(img.parentElement.querySelectorAll("source")).map(s => s.getAttribute("srcset") || "").join(",") : ""]) {
        if (!set) continue;
        // Candidates end at a comma after whitespace or after a descriptor ("600w,next").
        for (const part of set.split(/,\s+|(?<=\s[\d.]+[wx]),/)) {
          const url = part.trim().split(/\s+/)[0];
          if (url) variants.push(url);
        }
      }
      if (variants.length) pictures.push(variants);
    }
    out[page.id] = pictures;
    dom.window.close();
    holder.window.close();
  } catch (err) {
    out[page.id] = null;
  }
}
process.stdout.write(JSON.stringify(out));
