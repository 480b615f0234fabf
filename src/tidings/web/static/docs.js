/* The API reference, drawn from the server's own /openapi.json (no CDN: works offline).
   Text from the document is put in as text, never as markup. */
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined)
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter(t => t !== "null").join(" or ");
  if (schema.type === "array") return `list of ${typeOf(schema.items)}`;
  if (schema.$ref) return schema.$ref.split("/").pop();
  return schema.type || "";
}
function example(path, op) {
  const params = (op.parameters || []).filter(p => p.in === "query" && p.required);
  const query = params.map(p => `${p.name}=…`).join("&");
  return `curl '${location.origin}${path}${query ? "?" + query : ""}'`;
}
async function draw() {
  const doc = await (await fetch("/openapi.json")).json();
  document.title = `${doc.info.title} ${doc.info.version}: HTTP API`;
  const index = document.getElementById("docs-index");
  const box = document.getElementById("docs-paths");
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
      index.append(el("a", {href: "#" + id}, `${method.toUpperCase()} ${path}`), " ");
      const section = el("section", {id, class: "endpoint"},
        el("h2", {}, el("span", {class: "method"}, method.toUpperCase()), " ", path),
        el("p", {}, op.summary || ""));
      const params = op.parameters || [];
      if (params.length) {
        section.append(el("table", {},
          el("thead", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"),
                                       el("th", {}, "type"), el("th", {}, "meaning"))),
          el("tbody", {}, ...params.map(p => el("tr", {},
            el("td", {}, el("code", {}, p.name), p.required ? " (required)" : ""),
            el("td", {}, p.in), el("td", {}, typeOf(p.schema)),
            el("td", {}, p.description || (p.schema && p.schema.description) || ""))))));
      }
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (body) section.append(el("p", {}, "JSON body: ", el("code", {}, typeOf(body.schema))));
      if (method === "get") section.append(el("pre", {}, example(path, op)));
      box.append(section);
    }
  }
  document.body.dataset.ready = "docs";
}
window.addEventListener("DOMContentLoaded", draw);
