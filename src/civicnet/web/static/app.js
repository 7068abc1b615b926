/* civicnet dashboard: state and wiring. Loads the served cases, the chosen network,
 * and fills the panels; every list asks the paginated JSON API for its next page. */
"use strict";

(function (CN) {
  const el = CN.el;
  const $ = (id) => document.getElementById(id);
  const state = {caseId: null, kind: null, platform: "", start: "", end: "", net: null, ranks: new Map(),
                 messages: null, inbox: null, pseudonymised: false};
  let view = null;
  let ambassadors = null;  // candidate ambassadors on the network and in the Groups tab (ambassadors.js)

  /** What a person reads for an account given by its shown id: its name (from the graph, else the id). */
  function nameOf(id) {
    return view && view.graph && view.graph.hasNode(id) ? view.graph.getNodeAttribute(id, "name") || id : id;
  }

  function groupName(id) {
    const c = state.net && state.net.communities.find((x) => x.id === id);
    return c ? c.name : String(id);
  }

  const actions = {
    account: (id, name) => {
      showMessages(CN.t("web_messages_by", {name: name || nameOf(id)}), {account: id});
      view.select(id, false);
      if (view.graph.hasNode(id)) view.focus(id);
    },
    thread: (id) => showMessages(CN.t("web_thread"), {thread: id}),
    day: (date) => showMessages(CN.t("web_messages_of_day", {date: CN.day(date)}), {start: date, end: date}),
    community: (id) => {
      view.filterCommunity(id);
      showMessages(CN.t("web_messages_of_group", {name: groupName(id)}),
                   {community: id, network: state.kind, platform: state.platform, start: state.start, end: state.end});
    },
  };

  function showTab(name) {
    document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
    document.querySelectorAll(".tab").forEach((t) => { t.hidden = t.id !== "tab-" + name; });
    if (name === "inbox" && state.inbox === null) loadInbox(true);
  }

  async function showMessages(title, params) {
    showTab("messages");
    $("messages-title").textContent = title;
    CN.clear($("messages-list"));
    state.messages = {params: params, offset: 0};
    await moreMessages();
  }

  async function moreMessages() {
    const m = state.messages;
    try {
      const page = await CN.api("/api/cases/" + encodeURIComponent(state.caseId) + "/messages",
                                Object.assign({limit: 50, offset: m.offset}, m.params));
      page.items.forEach((item) => $("messages-list").append(CN.messageItem(item, actions)));
      m.offset = page.next_offset;
      $("messages-meta").textContent = CN.t("web_n_messages", {n: CN.number(page.total)});
      $("messages-more").hidden = page.next_offset === null;
    } catch (error) {
      CN.showError($("messages-meta"), error);
    }
  }

  async function loadCase(caseId) {
    state.caseId = caseId;
    state.inbox = null;
    const caseInfo = state.cases.find((c) => c.id === caseId);
    const kinds = $("kind-select");
    CN.clear(kinds).append(...caseInfo.networks.map((k) => el("option", {value: k, text: CN.code("network_kind", k)})));
    state.kind = caseInfo.networks[0];
    state.platform = "";
    for (const id of ["tab-overview", "tab-timeline", "tab-files", "tab-groups"]) {
      CN.clear($(id)).append(el("p", {className: "note", text: CN.t("web_loading")}));
    }
    CN.clear($("messages-list"));
    CN.clear($("inbox-list"));
    await loadNetwork();
    const fill = (path, render, panel) => CN.api("/api/cases/" + encodeURIComponent(caseId) + path)
      .then((data) => { if (state.caseId === caseId) render(data); })
      .catch((e) => { if (state.caseId === caseId) CN.showError($(panel), e); });
    fill("", (o) => CN.renderOverview($("tab-overview"), o, actions), "tab-overview");
    fill("/timeline", (t) => CN.renderTimeline($("tab-timeline"), t, actions), "tab-timeline");
    fill("/files", (f) => CN.renderFiles($("tab-files"), caseId, f.items, caseInfo.networks[0]), "tab-files");
  }

  async function loadNetwork() {
    $("node-count").textContent = CN.t("web_loading");
    const current = () => [state.caseId, state.kind, state.platform, state.start, state.end].join("|");
    const wanted = current();
    try {
      const net = await CN.api("/api/cases/" + encodeURIComponent(state.caseId) + "/network",
                               {kind: state.kind, platform: state.platform, start: state.start, end: state.end});
      if (wanted !== current()) return;  // a newer request won
      state.net = net;
      state.ranks = new Map([...net.communities].sort((a, b) => b.size - a.size || a.id - b.id).map((c, i) => [c.id, i]));
      view.load(net, state.ranks);
      renderKinds(net.kinds);
      renderPlatforms(net.platforms);
      const governed = (state.cases.find((c) => c.id === state.caseId) || {}).government_accounts > 0;
      CN.renderGroups($("tab-groups"), net, state.ranks, actions, governed);
      updateCount();
      $("graph-note").textContent = (net.truncated ? CN.t("web_truncated") + " " : "") + net.notes.join(" ");
      if (ambassadors && governed) {  // without government accounts no group is unreached: no one carries a message
        ambassadors.onChange = updateCount;
        ambassadors.load(state.caseId, net, $("tab-groups"), state.ranks,
                         () => wanted === current())
          .then(updateCount);
      } else if (ambassadors) {  // nothing marked from a case shown before
        ambassadors.data = null;
        ambassadors.active = null;
        ambassadors.marked = new Set();
        view.decorator = null;
      }
    } catch (error) {
      CN.showError($("node-count"), error);
    }
  }

  function updateCount() {
    const n = state.net;
    $("node-count").textContent = CN.t("web_count", {shown: CN.number(view.nodeCount()), total: CN.number(n.nodes_total),
                                                      edges: CN.number(view.edgeCount()), edges_total: CN.number(n.edges_total)});
    $("node-count").dataset.nodes = String(view.nodeCount());
  }

  /** The platform choice, shown only for a network that spans several platforms (the factsheet's block per platform). */
  function renderPlatforms(platforms) {
    const several = platforms.length > 1;
    $("platform-label").hidden = !several;
    if (!several) return;
    const options = [el("option", {value: "", text: CN.t("web_all_platforms")}),
                     ...platforms.map((p) => el("option", {value: p, text: CN.code("platform", p)}))];
    CN.clear($("platform-select")).append(...options);
    $("platform-select").value = state.platform;
  }

  function renderKinds(kinds) {
    const box = CN.clear($("tie-kinds"));
    kinds.forEach((k) => box.append(el("label", {}, [
      el("input", {type: "checkbox", checked: true, value: k, on: {change: () => {
        view.setKinds([...box.querySelectorAll("input:checked")].map((i) => i.value));
      }}}), " " + CN.code("tie", k)])));
  }

  let searchTimer = null;
  function onSearch() {
    clearTimeout(searchTimer);
    const q = $("search").value.trim();
    const box = $("search-results");
    if (!q) { box.hidden = true; return; }
    searchTimer = setTimeout(async () => {
      try {
        const page = await CN.api("/api/cases/" + encodeURIComponent(state.caseId) + "/network/search",
                                  {q: q, kind: state.kind, platform: state.platform, start: state.start, end: state.end, limit: 20});
        CN.clear(box).append(...page.items.map((hit) => el("button", {type: "button", on: {click: () => pick(hit)}},
          [(hit.government ? "★ " : "") + (hit.name || hit.id), hit.handle ? " " + hit.handle : "",
           hit.shown ? "" : " " + CN.t("web_not_shown")])));
        if (!page.items.length) box.append(el("span", {className: "note", text: CN.t("web_no_account")}));
        box.hidden = false;
      } catch (error) { CN.showError(box, error); box.hidden = false; }
    }, 200);
  }

  async function pick(hit) {
    $("search-results").hidden = true;
    if (!view.graph.hasNode(hit.id)) {
      const near = await CN.api("/api/cases/" + encodeURIComponent(state.caseId) + "/network/neighbourhood",
                                {account: hit.id, kind: state.kind, platform: state.platform, start: state.start, end: state.end});
      view.addNeighbourhood(near);
      updateCount();
    }
    view.filterCommunity(null);
    view.select(hit.id, false);
    view.focus(hit.id);
    actions.account(hit.id, hit.name);
  }

  async function loadInbox(reset) {
    if (reset) state.inbox = {offset: 0, filters: state.inbox ? state.inbox.filters : {}};
    const ib = state.inbox;
    if (reset) CN.clear($("inbox-list"));
    try {
      const page = await CN.api("/api/cases/" + encodeURIComponent(state.caseId) + "/inbox",
                                Object.assign({limit: 50, offset: ib.offset}, ib.filters));
      if (reset) renderInboxFilters(page.choices);
      page.items.forEach((r) => $("inbox-list").append(CN.inboxItem(r, actions)));
      ib.offset = page.next_offset;
      $("inbox-meta").textContent = CN.t("web_queue", {n: CN.number(page.total)});
      $("inbox-more").hidden = page.next_offset === null;
    } catch (error) {
      CN.showError($("inbox-meta"), error);
    }
  }

  function renderInboxFilters(choices) {
    const box = $("inbox-filters");
    if (box.dataset.ready === state.caseId) return;
    box.dataset.ready = state.caseId;
    CN.clear(box);
    for (const key of ["category", "urgency", "route"]) {
      const select = el("select", {id: "inbox-" + key, on: {change: () => {
        state.inbox.filters[key] = select.value; loadInbox(true);
      }}}, [el("option", {value: "", text: CN.t("web_any_" + key)}),
            ...(choices[key] || []).map((c) => el("option", {value: c.value, text: c.text}))]);
      box.append(select);
    }
    const breached = el("input", {type: "checkbox", id: "inbox-breached", on: {change: () => {
      state.inbox.filters.breached = breached.checked ? "true" : ""; loadInbox(true);
    }}});
    box.append(el("label", {}, [breached, " " + CN.t("web_breached")]));
  }

  async function replyCheck() {
    const text = $("reply-text").value;
    try {
      const result = await CN.api("/api/reply-check", {}, {text: text});
      CN.renderFindings($("reply-result"), text, result.findings);
    } catch (error) { CN.showError($("reply-result"), error); }
  }

  async function start() {
    view = new CN.NetworkView($("graph"), {onSelect: (node) => { if (node) actions.account(node); }});
    if (CN.Ambassadors) ambassadors = new CN.Ambassadors(view, actions);
    CN.actions = actions;
    document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
    $("messages-more").addEventListener("click", moreMessages);
    $("inbox-more").addEventListener("click", () => loadInbox(false));
    $("reply-check").addEventListener("click", replyCheck);
    $("search").addEventListener("input", onSearch);
    $("show-all").addEventListener("click", () => { view.filterCommunity(null); view.select(null, false); });
    $("kind-select").addEventListener("change", (e) => { state.kind = e.target.value; loadNetwork(); });
    $("platform-select").addEventListener("change", (e) => { state.platform = e.target.value; loadNetwork(); });
    $("period-apply").addEventListener("click", () => { state.start = $("period-start").value; state.end = $("period-end").value; loadNetwork(); });
    $("period-clear").addEventListener("click", () => { $("period-start").value = ""; $("period-end").value = ""; state.start = state.end = ""; loadNetwork(); });
    $("case-select").addEventListener("change", (e) => loadCase(e.target.value));
    try {
      const cases = await CN.api("/api/cases");
      state.cases = cases.items;
      $("mode").hidden = !cases.pseudonymised;
      CN.clear($("case-select")).append(...cases.items.map((c) => el("option", {value: c.id, text: c.title})));
      await loadCase(cases.items[0].id);
    } catch (error) {
      CN.showError($("tab-overview"), error);
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})(window.CN);
