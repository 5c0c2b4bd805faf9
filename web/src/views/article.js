import { get, el, dateText, actorLink, errorBox } from "../api.js";

// Split the text at every annotation boundary; each piece carries the annotations covering it.
export function segments(text, annotations) {
  const cuts = new Set([0, text.length]);
  for (const a of annotations) {
    cuts.add(Math.max(0, Math.min(text.length, a.start)));
    cuts.add(Math.max(0, Math.min(text.length, a.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    if (start === end) continue;
    pieces.push({ start, end, text: text.slice(start, end), on: annotations.filter((a) => a.start <= start && a.end >= end) });
  }
  return pieces;
}

function annotationsOf(record) {
  const list = [];
  for (const actor of record.actors || []) {
    for (const [start, end] of actor.mentions || []) list.push({ start, end, kind: "actor", actor });
  }
  for (const quote of record.quotes || []) {
    const parts = quote.parts && quote.parts.length ? quote.parts : [quote.span];
    for (const [start, end] of parts) list.push({ start, end, kind: "quote", quote });
    if (quote.speaker_span) list.push({ start: quote.speaker_span[0], end: quote.speaker_span[1], kind: "speaker", quote });
  }
  for (const event of record.events || []) {
    const span = event.trigger_span || null;
    if (span) list.push({ start: span[0], end: span[1], kind: "trigger", event });
  }
  return list;
}

function renderPiece(piece) {
  const classes = [];
  let actor = null;
  const titles = [];
  for (const a of piece.on) {
    if (a.kind === "actor") {
      actor = a.actor;
      classes.push("actor", `actor-${a.actor.type || "unknown"}`);
      titles.push(`${a.actor.name} (${a.actor.type})`);
    } else if (a.kind === "quote") {
      classes.push("quote", `q-${a.quote.kind}`);
    } else if (a.kind === "speaker") {
      classes.push("speaker");
    } else if (a.kind === "trigger") {
      classes.push("trigger");
      titles.push(`${a.event.type}${a.event.mode ? "/" + a.event.mode : ""} · ${a.event.status}`);
    }
  }
  if (!classes.length) return document.createTextNode(piece.text);
  const attrs = { class: [...new Set(classes)].join(" "), title: titles.join(" · ") || null };
  if (actor) {
    return el("a", { ...attrs, href: `#/actor/${encodeURIComponent(actor.id)}`, "data-actor": actor.id }, piece.text);
  }
  return el("span", attrs, piece.text);
}

function names(record) {
  return Object.fromEntries((record.actors || []).map((a) => [a.id, a.name]));
}

function quoteList(record) {
  const byId = names(record);
  const speech = (record.quotes || []).filter((q) => q.kind !== "scare" && q.kind !== "title");
  return el(
    "section",
    { class: "panel", id: "quote-list" },
    el("h2", {}, `Quotations (${speech.length})`),
    speech.map((q) =>
      el(
        "div",
        { class: `item q-${q.kind}` },
        el("div", { class: "meta" }, q.kind, " · ", actorLink(q.speaker, byId[q.speaker] || q.speaker_text || "unknown"),
          q.cue ? ` · ${q.cue}` : "", (q.via || []).length ? " · via " : "",
          (q.via || []).map((v) => actorLink(v, byId[v] || v))),
        el("blockquote", {}, q.text),
      ),
    ),
  );
}

function eventList(record) {
  const byId = names(record);
  const events = record.events || [];
  return el(
    "section",
    { class: "panel", id: "event-list" },
    el("h2", {}, `Events (${events.length})`),
    events.map((e) =>
      el(
        "div",
        { class: "item" },
        el("div", { class: "meta" }, `${e.type}${e.mode ? "/" + e.mode : ""}`, " · ", e.status, " · ", dateText(e.date)),
        el("div", {}, actorLink(e.source, byId[e.source] || e.source || "?"), " → ", actorLink(e.target, byId[e.target] || e.target || "?"),
          e.place && e.place.name ? ` · ${e.place.name}` : ""),
        el("div", { class: "muted" }, `„${e.trigger}“`),
      ),
    ),
  );
}

export async function article(view, params, id) {
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const record = await get(`/api/documents/${encodeURIComponent(id)}`);
    const doc = record.document;
    const text = doc.text || "";
    const body = el("div", { class: "article-text", id: "article-text" });
    for (const paragraph of segments(text, annotationsOf(record))) body.append(renderPiece(paragraph));
    const legend = el("div", { class: "legend" },
      el("span", { class: "actor actor-person" }, "person"), el("span", { class: "actor actor-country" }, "country"),
      el("span", { class: "actor actor-organisation" }, "organisation"), el("span", { class: "actor actor-media" }, "media"),
      el("span", { class: "quote q-direct" }, "direct quote"), el("span", { class: "quote q-indirect" }, "indirect"),
      el("span", { class: "speaker" }, "speaker"), el("span", { class: "trigger" }, "event"));
    view.replaceChildren(
      el("h1", {}, doc.title || "(untitled)"),
      el("p", { class: "muted" }, `${dateText(doc.date)} · ${doc.source || ""} · ${doc.id}`),
      legend,
      el("div", { class: "columns" }, body, el("aside", {}, quoteList(record), eventList(record))),
    );
  } catch (error) {
    view.replaceChildren(errorBox(error));
  }
}
