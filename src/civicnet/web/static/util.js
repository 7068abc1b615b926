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

  /* The page's language and its catalogue (civicnet/reports/locale/<lang>.yaml), given by the
   * server in /labels.js. Figures follow civicnet.formatting: 12.556, 13 %, n.v.t. */
  CN.LABELS = window.CN_LABELS || {};
  CN.LANG = document.documentElement.lang === "en" ? "en" : "nl";
  const LOCALE = CN.LANG === "nl" ? "nl-NL" : "en-GB";

  /** A catalogue text with its {placeholders} filled (the key itself when missing). */
  CN.t = function (key, values) {
    const text = Object.prototype.hasOwnProperty.call(CN.LABELS, key) ? CN.LABELS[key] : key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (values && name in values ? String(values[name]) : m));
  };

  /** A catalogue text for a count: its "<key>_one" form when the count is 1. */
  CN.plural = function (key, count, values) {
    const one = key + "_one";
    return CN.t(count === 1 && Object.prototype.hasOwnProperty.call(CN.LABELS, one) ? one : key, values);
  };

  /** A code value in words (kind_comment -> "reactie"); an unknown code with its "_" as spaces. */
  CN.code = function (kind, value) {
    if (value === null || value === undefined || value === "") return CN.na();
    const key = kind + "_" + value;
    return Object.prototype.hasOwnProperty.call(CN.LABELS, key) ? CN.LABELS[key] : String(value).replace(/_/g, " ");
  };

  CN.na = function () { return CN.LANG === "nl" ? "n.v.t." : "n/a"; };

  CN.number = function (value) {
    return value === null || value === undefined ? CN.na() : Number(value).toLocaleString(LOCALE, {maximumFractionDigits: 0});
  };

  CN.share = function (value) {
    if (value === null || value === undefined) return CN.na();
    const pct = value * 100;
    const text = pct > 0 && pct < 1 ? pct.toLocaleString(LOCALE, {maximumFractionDigits: 1, minimumFractionDigits: 1})
                                    : Math.round(pct).toLocaleString(LOCALE);
    return CN.LANG === "nl" ? text + "\u00a0%" : text + "%";
  };

  /** A day as "13 februari 2014" / "13 February 2014" (an ISO date or timestamp). */
  CN.day = function (iso) {
    if (!iso) return CN.t("web_undated");
    const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(LOCALE, {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});
  };

  /** A moment as "13 februari 2014 09:30" (UTC, as the data give it). */
  CN.moment = function (iso) {
    if (!iso) return CN.t("web_undated");
    return iso.length > 10 ? CN.day(iso) + " " + iso.slice(11, 16) : CN.day(iso);
  };

  /** An account as a person reads it: its name, the handle beside it in grey. */
  CN.who = function (name, handle) {
    return CN.el("span", {className: "who"}, [CN.el("span", {text: name || ""}),
      handle ? CN.el("span", {className: "handle", text: " " + handle}) : null]);
  };

  /** Show an error in a container, as text. */
  CN.showError = function (node, error) {
    CN.clear(node).append(CN.el("p", {className: "error", text: error.message || String(error)}));
  };
})(window.CN);
