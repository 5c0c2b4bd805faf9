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
    const labels = data.series.map((p) => p.period);
    if (chart) chart.destroy();
    chart = new Chart(canvas, {
      data: {
        labels,
        datasets: [
          { type: "bar", label: "events", data: data.series.map((p) => p.events), yAxisID: "count", backgroundColor: "#c9d6e8" },
          { type: "line", label: "cooperation–conflict (Goldstein sum)", data: data.series.map((p) => p.goldstein), yAxisID: "score", borderColor: "#b3261e", tension: 0.2 },
        ],
      },
      options: {
        animation: false,
        scales: { count: { position: "left", beginAtZero: true }, score: { position: "right" } },
        onClick: (_event, elements) => {
          if (!elements.length) return;
          const point = data.series[elements[0].index];
          details.replaceChildren(el("h2", {}, `Events in ${point.period}`),
            el("ul", {}, (point.items || []).map((e) => el("li", {}, `${e.type} (${e.status}) `,
              actorLink(e.source, e.source), " → ", actorLink(e.target, e.target), " · ",
              el("a", { href: `#/article/${e.doc_id}` }, e.trigger)))));
        },
      },
    });
    view.dataset.points = String(labels.length);
  } catch (error) {
    view.append(errorBox(error));
  }
}
