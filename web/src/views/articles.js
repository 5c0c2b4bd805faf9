import { get, el, dateText, pager, errorBox } from "../api.js";

export async function articles(view, params) {
  const offset = Number(params.get("offset") || 0);
  view.replaceChildren(el("h1", {}, "Articles"));
  try {
    const page = await get("/api/documents", { offset, limit: 50 });
    const rows = page.items.map((doc) =>
      el(
        "tr",
        {},
        el("td", {}, el("a", { href: `#/article/${doc.id}`, class: "doc-link" }, doc.title || doc.id)),
        el("td", {}, dateText(doc.date)),
        el("td", { class: "num" }, doc.n_actors ?? ""),
        el("td", { class: "num" }, doc.n_quotes ?? ""),
        el("td", { class: "num" }, doc.n_events ?? ""),
      ),
    );
    view.append(
      el(
        "table",
        { class: "grid" },
        el("thead", {}, el("tr", {}, ["Title", "Date", "Actors", "Quotes", "Events"].map((h) => el("th", {}, h)))),
        el("tbody", {}, rows),
      ),
      pager(page, (next) => (location.hash = `#/?offset=${next}`)),
    );
  } catch (error) {
    view.append(errorBox(error));
  }
}
