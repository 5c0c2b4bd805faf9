import Chart from "chart.js/auto";
import { get, el, actorLink, errorBox } from "../api.js";

let chart = null;

export async function dyad(view, params) {
  const a = params.get("a") || "";
  const b = params.get("b") || "";
  const by = params.get("by") || "month";
  const inputA = el("input", { value: a, placeholder: "Actor A (RUS, Peskov…)", id: "dyad-a" });
  const inputB = el("input", { value: b, placeholder: "Actor B (KAZ…)", id: "dyad-b" });
  const select = el("select", { id: "dyad-by" }, ["day", "week", "month"].map((v) => el("option", { value: v, selected: v === by }, v)));
  const form = el("form", { onsubmit: (e) => { e.preventDefault();
    location.hash = `#/dyad?a=${encodeURIComponent(inputA.value)}&b=${encodeURIComponent(inputB.value)}&by=${select.value}`; } },
    inputA, " ↔ ", inputB, " per ", select, el("button", {}, "Show"));
  view.replaceChildren(el("h1", {}, "Dyad: cooperation and conflict"), form);
  if (!a || !b) return;
  const canvas = el("canvas", { id: "dyad-chart", height: 110 });
  const details = el("div", { id: "dyad-events" }, el("p", { class: "muted" }, "Click a point to list its events."));
  view.append(el("div", { class: "chart" }, canvas), details);
  try {
    const data = await get("/api/dyad", { a, b, by });
    const points = periods(data.series);
    const labels = points.map((p) => p.period);
    if (chart) chart.destroy();
    chart = new Chart(canvas, {
      data: {
        labels,
        datasets: [
          { type: "bar", label: "events", data: points.map((p) => p.events), yAxisID: "count", backgroundColor: "#c9d6e8" },
          { type: "line", label: "cooperation–conflict (Goldstein sum)", data: points.map((p) => p.score), yAxisID: "score", borderColor: "#b3261e", tension: 0.2 },
        ],
      },
      options: {
        animation: false,
        scales: { count: { position: "left", beginAtZero: true }, score: { position: "right" } },
        onClick: (_event, elements) => {
          if (elements.length) showPeriod(details, points[elements[0].index], a, b);
        },
      },
    });
    view.dataset.points = String(labels.length);
  } catch (error) {
    view.append(errorBox(error));
    return;
  }
}

// The API gives one row per (period, direction, type); the chart shows one point per period.
function periods(rows) {
  const byPeriod = new Map();
  for (const row of rows) {
    if (!byPeriod.has(row.period)) byPeriod.set(row.period, { period: row.period, events: 0, score: 0, rows: [] });
    const point = byPeriod.get(row.period);
    point.events += row.events;
    point.score += row.score_sum;
    point.rows.push(row);
  }
  return [...byPeriod.values()].sort((x, y) => (x.period < y.period ? -1 : 1));
}

async function showPeriod(details, point, a, b) {
  const summary = el("ul", {}, point.rows.map((r) => el("li", {}, `${r.direction === "a->b" ? `${a} → ${b}` : `${b} → ${a}`}: ${r.type} × ${r.events} (score ${r.score_sum.toFixed(1)})`)));
  details.replaceChildren(el("h2", {}, `Events in ${point.period}`), summary);
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(point.period)) return;
  const lists = await Promise.all([
    get("/api/events", { source: a, target: b, from: point.period, to: point.period, limit: 100 }),
    get("/api/events", { source: b, target: a, from: point.period, to: point.period, limit: 100 }),
  ]);
  const items = lists.flatMap((page) => page.items);
  details.append(el("ul", { id: "dyad-items" }, items.map((e) => el("li", {}, `${e.type} (${e.status}) `,
    actorLink(e.source, e.source_name || e.source), " → ", actorLink(e.target, e.target_name || e.target), " · ",
    el("a", { href: `#/article/${e.doc_id}` }, e.trigger || "article")))));
}
