// Thin client for the lagebild HTTP API (same origin, read-only endpoints).

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (_) {
      /* not JSON */
    }
    throw new Error(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return response.json();
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function dateText(date) {
  if (!date) return "date unknown";
  if (date.start === date.end) return date.start;
  return `${date.start ?? "…"} – ${date.end ?? "…"} (${date.precision})`;
}

export function actorLink(id, label) {
  if (!id) return el("span", { class: "muted" }, label || "—");
  return el("a", { href: `#/actor/${encodeURIComponent(id)}`, class: "actor-link" }, label || id);
}

export function pager(page, onChange) {
  const { offset, limit, total } = page;
  const prev = el("button", { disabled: offset <= 0, onclick: () => onChange(Math.max(0, offset - limit)) }, "‹ prev");
  const next = el("button", { disabled: offset + limit >= total, onclick: () => onChange(offset + limit) }, "next ›");
  const end = Math.min(total, offset + limit);
  return el("div", { class: "pager" }, prev, ` ${total ? offset + 1 : 0}–${end} of ${total} `, next);
}

export function errorBox(error) {
  return el("div", { class: "error" }, `Could not load: ${error.message}`);
}
