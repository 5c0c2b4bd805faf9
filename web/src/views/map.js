import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { get, el, errorBox } from "../api.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

export async function map(view) {
  const width = 960;
  const height = 500;
  const projection = geoEqualEarth().fitSize([width, height], { type: "Sphere" });
  const path = geoPath(projection);
  const canvas = svg("svg", { viewBox: `0 0 ${width} ${height}`, id: "world-map", class: "map" });
  canvas.append(svg("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  for (const country of feature(world, world.objects.countries).features) {
    canvas.append(svg("path", { d: path(country), class: "land" }));
  }
  const list = el("div", { id: "map-events" });
  view.replaceChildren(el("h1", {}, "Events on the map"), canvas, list);
  try {
    const page = await get("/api/events", { has_place: "true", limit: 500 });
    const byPlace = new Map();
    for (const event of page.items) {
      if (event.lat == null || event.lon == null) continue;
      const key = `${event.lat},${event.lon}`;
      if (!byPlace.has(key)) byPlace.set(key, { name: event.place_name, lat: event.lat, lon: event.lon, events: [] });
      byPlace.get(key).events.push(event);
    }
    for (const place of byPlace.values()) {
      const [x, y] = projection([place.lon, place.lat]);
      const dot = svg("circle", { cx: x, cy: y, r: 3 + Math.sqrt(place.events.length) * 2, class: "place" });
      const title = svg("title", {});
      title.textContent = `${place.name}: ${place.events.length} event(s)`;
      dot.append(title);
      dot.addEventListener("click", () => list.replaceChildren(el("h2", {}, place.name),
        el("ul", {}, place.events.map((e) => el("li", {}, `${e.type} (${e.status}) · ${e.date_start || ""} · `,
          el("a", { href: `#/article/${e.doc_id}` }, e.trigger))))));
      canvas.append(dot);
    }
    view.dataset.places = String(byPlace.size);
  } catch (error) {
    view.append(errorBox(error));
  }
}
