import { get, el, dateText, actorLink, errorBox } from "../api.js";

export async function actors(view, params) {
  const search = params.get("search") || "";
  const input = el("input", { type: "search", placeholder: "Name in any spelling (Tokajew, Tokayev, Токаев)…", value: search, id: "actor-search" });
  const form = el("form", { onsubmit: (e) => { e.preventDefault(); location.hash = `#/actors?search=${encodeURIComponent(input.value)}`; } }, input, el("button", {}, "Find"));
  view.replaceChildren(el("h1", {}, "Actors"), form);
  try {
    const page = await get("/api/actors", { search, limit: 100 });
    view.append(
      el("table", { class: "grid" },
        el("thead", {}, el("tr", {}, ["Name", "Type", "Country", "Quotes", "Events"].map((h) => el("th", {}, h)))),
        el("tbody", {}, page.items.map((a) => el("tr", {},
          el("td", {}, actorLink(a.id, a.name)), el("td", {}, a.type || ""), el("td", {}, a.country || ""),
          el("td", { class: "num" }, a.quotes ?? ""), el("td", { class: "num" }, a.events ?? ""))))),
    );
  } catch (error) {
    view.append(errorBox(error));
  }
}

export async function actor(view, params, id) {
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const data = await get(`/api/actors/${encodeURIComponent(id)}`);
    const a = data.actor;
    view.replaceChildren(
      el("h1", { id: "actor-name" }, a.name),
      el("p", {}, [a.type, a.country, a.role].filter(Boolean).join(" · ")),
      a.aliases && a.aliases.length ? el("p", { class: "muted" }, "Also: ", a.aliases.slice(0, 30).join(", ")) : "",
      el("p", {}, el("a", { href: `#/dyad?a=${encodeURIComponent(a.id)}` }, "Dyad view with this actor →")),
      el("h2", {}, `Quotations (${data.quotes.length})`),
      el("div", {}, data.quotes.map((q) => el("div", { class: "item" },
        el("div", { class: "meta" }, dateText(q.date || (q.date_start ? { start: q.date_start, end: q.date_end, precision: "day" } : null)),
          " · ", q.kind, q.cue ? ` · ${q.cue}` : "", " · ", el("a", { href: `#/article/${q.doc_id}` }, "article")),
        el("blockquote", {}, q.text)))),
      el("h2", {}, `Events (${data.events.length})`),
      el("table", { class: "grid" },
        el("thead", {}, el("tr", {}, ["Date", "Type", "Source", "Target", "Status", "Trigger"].map((h) => el("th", {}, h)))),
        el("tbody", {}, data.events.map((e) => el("tr", {},
          el("td", {}, e.date_start || ""), el("td", {}, e.type), el("td", {}, actorLink(e.source, e.source_name || e.source)),
          el("td", {}, actorLink(e.target, e.target_name || e.target)), el("td", {}, e.status),
          el("td", {}, el("a", { href: `#/article/${e.doc_id}` }, e.trigger)))))),
    );
  } catch (error) {
    view.replaceChildren(errorBox(error));
  }
}
