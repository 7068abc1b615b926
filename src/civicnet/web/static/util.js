/* civicnet dashboard: DOM and API helpers.
 * Every text from the data goes into the page through textContent (el() below),
 * never parsed as HTML: a message that contains markup shows as that text. */
"use strict";
window.CN = window.CN || {};

(function (CN) {
  /** Create an element; `props` sets attributes/properties, `children` are nodes or text. */
  CN.el = function (tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of [].concat(children || [])) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };

  /** Remove every child of a node. */
  CN.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  };

  /** GET (or POST with a JSON body) an API path; resolves to JSON or throws the API's error message. */
  CN.api = async function (path, params, body) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
    }
    const init = body === undefined ? {} : {
      method: "POST", headers: {"content-type": "application/json"}, body: JSON.stringify(body),
    };
    const response = await fetch(url, Object.assign({credentials: "same-origin"}, init));
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const message = data && data.error ? data.error.message : response.status + " " + response.statusText;
      throw new Error(message);
    }
    return data;
  };

  CN.PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf",
                "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939"];
  CN.OTHER = "#c7c7c7";

  /** A coloured dot for a community (its rank among the communities picks the colour). */
  CN.swatch = function (rank) {
    return CN.el("span", {className: "swatch " + (rank >= 0 && rank < 12 ? "sw-" + rank : "sw-other")});
  };

  CN.number = function (value) {
    return value === null || value === undefined ? "–" : Number(value).toLocaleString("en");
  };

  CN.share = function (value) {
    return value === null || value === undefined ? "–" : Math.round(value * 100) + "%";
  };

  /** Show an error in a container, as text. */
  CN.showError = function (node, error) {
    CN.clear(node).append(CN.el("p", {className: "error", text: error.message || String(error)}));
  };
})(window.CN);
