import "./style.css";
import { get } from "./api.js";
import { articles } from "./views/articles.js";
import { article } from "./views/article.js";
import { actors, actor } from "./views/actors.js";
import { dyad } from "./views/dyad.js";
import { network } from "./views/network.js";
import { map } from "./views/map.js";
import { search } from "./views/search.js";

// hash routes: #/path/segment?query
const ROUTES = [
  [/^\/?$/, "articles", articles],
  [/^\/article\/([^/]+)$/, "articles", article],
  [/^\/actors$/, "actors", actors],
  [/^\/actor\/([^/]+)$/, "actors", actor],
  [/^\/dyad$/, "dyad", dyad],
  [/^\/network$/, "network", network],
  [/^\/map$/, "map", map],
  [/^\/search$/, "search", search],
];

async function route() {
  const view = document.getElementById("view");
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  for (const [pattern, nav, render] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.nav === nav));
    view.dataset.view = nav;
    delete view.dataset.ready;
    await render(view, params, ...match.slice(1).map(decodeURIComponent));
    view.dataset.ready = "1";
    return;
  }
  view.textContent = "Not found.";
}

async function stats() {
  try {
    const s = await get("/api/stats");
    document.getElementById("stats").textContent = `${s.documents} articles · ${s.quotes} quotes · ${s.events} events · ${s.actors} actors`;
  } catch (_) {
    /* the header stays empty */
  }
}

window.addEventListener("hashchange", route);
stats();
route();
