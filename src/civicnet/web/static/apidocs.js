/* civicnet dashboard: a readable list of the API's endpoints, from its OpenAPI description. */
"use strict";

(function (CN) {
  const el = CN.el;

  function parameters(op) {
    return (op.parameters || []).map((p) => el("li", {}, [
      el("code", {text: p.name}), " (" + p.in + (p.required ? ", required" : "") + ") ",
      p.description || (p.schema && p.schema.description) || ""]));
  }

  async function start() {
    const node = document.getElementById("endpoints");
    try {
      const spec = await CN.api("/api/openapi.json");
      CN.clear(node);
      for (const [path, ops] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          node.append(el("h3", {}, [el("code", {text: method.toUpperCase() + " " + path})]),
                      el("p", {text: op.description || op.summary || ""}),
                      el("ul", {}, parameters(op)));
        }
      }
    } catch (error) {
      CN.showError(node, error);
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})(window.CN);
