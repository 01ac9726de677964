// Renders /openapi.json (OpenAPI 3.1, as generated from the contracts) as a list of routes
// grouped by tag. Self-contained on purpose: the page must work without any CDN.
"use strict";

const METHODS = ["get", "post", "put", "patch", "delete"];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function refName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.replace("#/components/schemas/", "");
  if (schema.allOf && schema.allOf.length === 1) return refName(schema.allOf[0]);
  if (schema.type === "array") return refName(schema.items) + "[]";
  if (schema.type === "string" && schema.contentMediaType) return "file";
  return schema.type || "object";
}

// bodyOf names what a request body or a response carries: its schema per media type.
function bodyOf(holder) {
  if (!holder || !holder.content) return "";
  return Object.entries(holder.content)
    .map(([media, m]) => (media === "application/json" ? "" : media + ": ") + refName(m.schema))
    .join(", ");
}

function requestBody(body) {
  if (!body) return null;
  return el("p", null, "Body: ", el("code", null, bodyOf(body)));
}

function parametersTable(params) {
  if (!params || params.length === 0) return null;
  const rows = params.map((p) => el("tr", null,
    el("td", null, el("code", null, p.name)),
    el("td", null, p.in),
    el("td", null, p.required ? "required" : ""),
    el("td", null, p.schema ? refName(p.schema) : (p.type || "") + (p.format ? " (" + p.format + ")" : "")),
    el("td", null, p.description || "")));
  return el("table", null,
    el("thead", null, el("tr", null, el("th", null, "parameter"), el("th", null, "in"), el("th", null, ""), el("th", null, "type"), el("th", null, "description"))),
    el("tbody", null, ...rows));
}

function responsesTable(responses) {
  const codes = Object.keys(responses || {}).sort();
  const rows = codes.map((code) => {
    const r = responses[code];
    return el("tr", null,
      el("td", null, el("code", null, code)),
      el("td", null, r.description || ""),
      el("td", null, bodyOf(r)));
  });
  return el("table", null,
    el("thead", null, el("tr", null, el("th", null, "status"), el("th", null, "meaning"), el("th", null, "body"))),
    el("tbody", null, ...rows));
}

function operation(path, method, op) {
  const verb = method.toUpperCase();
  const d = el("details", { class: "op", "data-search": (verb + " " + path + " " + (op.summary || "") + " " + (op.operationId || "")).toLowerCase() },
    el("summary", null,
      el("span", { class: "method " + verb }, verb),
      el("span", { class: "path" }, path),
      el("span", { class: "summary" }, op.summary || op.operationId || "")),
    el("div", { class: "body" },
      op.description ? el("p", null, op.description) : null,
      parametersTable(op.parameters),
      requestBody(op.requestBody),
      responsesTable(op.responses)));
  return d;
}

function render(doc) {
  document.title = doc.info.title;
  document.getElementById("title").textContent = doc.info.title + " " + (doc.info.version || "");
  document.getElementById("intro").textContent = doc.info.description || "";

  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = (op.tags && op.tags[0]) || "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, op]);
    }
  }
  const routes = document.getElementById("routes");
  const toc = document.getElementById("toc");
  routes.replaceChildren();
  let count = 0;
  for (const tag of [...byTag.keys()].sort()) {
    const id = "tag-" + tag.replace(/[^A-Za-z0-9]+/g, "-");
    toc.append(el("a", { href: "#" + id }, tag));
    const section = el("section", { id }, el("h2", null, tag));
    const ops = byTag.get(tag).sort((a, b) => a[0].localeCompare(b[0]) || METHODS.indexOf(a[1]) - METHODS.indexOf(b[1]));
    for (const [path, method, op] of ops) {
      section.append(operation(path, method, op));
      count++;
    }
    routes.append(section);
  }
  routes.setAttribute("data-operations", String(count));
}

function filter(text) {
  const q = text.trim().toLowerCase();
  for (const op of document.querySelectorAll("details.op")) {
    op.hidden = q !== "" && !op.dataset.search.includes(q);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("filter").addEventListener("input", (e) => filter(e.target.value));
  fetch("/openapi.json")
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(render)
    .catch((err) => {
      document.getElementById("routes").replaceChildren(el("p", { class: "error" }, "Could not load /openapi.json: " + err.message));
    });
});
