import { get, el, pager, errorBox } from "../api.js";

// FTS snippets mark hits with [[…]]; render them as <mark> without using innerHTML.
function snippet(text) {
  const node = el("span", {});
  const parts = (text || "").split(/\[\[|\]\]/);
  parts.forEach((part, i) => node.append(i % 2 ? el("mark", {}, part) : document.createTextNode(part)));
  return node;
}

export async function search(view, params) {
  const q = params.get("q") || "";
  const offset = Number(params.get("offset") || 0);
  const input = el("input", { type: "search", value: q, placeholder: "Volltext: Pipeline, Peskow, …", id: "search-input" });
  const form = el("form", { onsubmit: (e) => { e.preventDefault(); location.hash = `#/search?q=${encodeURIComponent(input.value)}`; } },
    input, el("button", {}, "Search"));
  view.replaceChildren(el("h1", {}, "Search"), form);
  if (!q) return;
  try {
    const page = await get("/api/search", { q, offset, limit: 20 });
    view.append(
      el("ol", { class: "results", id: "search-results" }, page.items.map((hit) => el("li", {},
        el("a", { href: `#/article/${hit.doc_id}` }, hit.title || hit.doc_id), ` (${hit.kind || "text"}) `,
        el("div", {}, snippet(hit.snippet))))),
      pager(page, (next) => (location.hash = `#/search?q=${encodeURIComponent(q)}&offset=${next}`)),
    );
  } catch (error) {
    view.append(errorBox(error));
  }
}
