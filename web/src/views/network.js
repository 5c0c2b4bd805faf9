import cytoscape from "cytoscape";
import { get, el, errorBox } from "../api.js";

const TYPES = ["", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

export async function network(view, params) {
  const from = el("input", { type: "date", value: params.get("from") || "", id: "net-from" });
  const to = el("input", { type: "date", value: params.get("to") || "", id: "net-to" });
  const type = el("select", { id: "net-type" }, TYPES.map((t) => el("option", { value: t, selected: t === (params.get("type") || "") }, t || "all types")));
  const form = el("form", { onsubmit: (e) => { e.preventDefault();
    location.hash = `#/network?from=${from.value}&to=${to.value}&type=${type.value}`; } },
    "from ", from, " to ", to, " ", type, el("button", {}, "Filter"));
  const box = el("div", { id: "network", class: "graph" });
  view.replaceChildren(el("h1", {}, "Actor network"), form, box);
  try {
    const data = await get("/api/network", { from: params.get("from"), to: params.get("to"), type: params.get("type"), limit: 300 });
    const weights = data.edges.map((e) => e.weight);
    const maxWeight = Math.max(1, ...weights);
    cytoscape({
      container: box,
      elements: [
        ...data.nodes.map((n) => ({ data: { id: n.id, label: n.name || n.id, type: n.type || "unknown", size: 14 + 26 * (n.score || 0) } })),
        ...data.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, weight: e.weight,
          width: 1 + 6 * (e.weight / maxWeight), color: e.goldstein < 0 ? "#b3261e" : "#2e7d32" } })),
      ],
      style: [
        { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 10, "background-color": "#4a6fa5" } },
        { selector: "node[type = 'country']", style: { "background-color": "#7b5ea7" } },
        { selector: "node[type = 'media']", style: { "background-color": "#c77c02" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.7 } },
      ],
      layout: { name: "cose", animate: false },
    }).on("tap", "node", (event) => { location.hash = `#/actor/${encodeURIComponent(event.target.id())}`; });
    view.dataset.nodes = String(data.nodes.length);
  } catch (error) {
    view.append(errorBox(error));
  }
}
