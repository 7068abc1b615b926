/* civicnet dashboard: the side panels (overview, groups, messages, timeline, inbox, downloads).
 * Each render function builds DOM nodes with CN.el (textContent only). Every word comes from
 * the catalogue (CN.t, CN.code); the overview shows the factsheet's own words (o.sheet). */
"use strict";

(function (CN) {
  const el = CN.el;

  function figures(rows, words) {
    return el("table", {className: "figures"}, rows.map(([name, value]) =>
      el("tr", {}, [el("th", {text: name}), el("td", {className: words ? "" : "num", text: value})])));
  }

  function accountButton(id, who, actions) {
    if (!id) return el("span", {text: CN.t("unknown_account")});
    const w = who || {name: id, handle: null};
    return el("button", {type: "button", className: "link", on: {click: () => actions.account(id, w.name)}},
              CN.who(w.name, w.handle));
  }

  /** The overview: the factsheet's figures and words (the same functions made them). */
  CN.renderOverview = function (node, o, actions) {
    const s = o.sheet;
    const people = s.people || {};
    const parts = [
      el("h2", {text: s.title}),
      el("p", {className: "note", text: [s.level, s.period].filter(Boolean).join(" · ")}),
      el("h3", {text: CN.t("web_numbers")}),
      figures(s.numbers.map((n) => [n.label, n.value])),
    ];
    if (s.page_posts) parts.push(el("p", {className: "note", text: s.page_posts}));
    parts.push(el("h3", {text: CN.t("government_accounts")}));
    if (s.government.length) {
      parts.push(el("table", {className: "figures"}, s.government.map((g) => el("tr", {}, [
        el("td", {}, accountButton(g.account, g, actions)), el("td", {text: g.role}), el("td", {text: g.body}),
        el("td", {className: "num", text: g.messages})]))));
    } else {
      parts.push(el("p", {className: "note", text: CN.t("no_government_accounts")}));
    }
    parts.push(el("h3", {text: CN.t("f_title")}));
    if (s.conclusions.length) parts.push(el("p", {className: "conclusion", text: s.conclusions.join(" ")}));
    parts.push(figures(s.role_rows.map((r) => [r.label, r.value]), true));
    parts.push(el("h3", {text: CN.t("types")}));
    parts.push(figures(Object.entries(o.government.message_types).map(([k, v]) => [CN.code("type", k), CN.number(v)])));
    parts.push(el("h3", {text: CN.t("peaks")}));
    parts.push(el("p", {text: s.peaks.length ? s.peaks.join(", ") : CN.t("no_peaks")}));
    for (const [title, list, key, figure] of [["top_liked", o.top_liked, "likes", "likes_n"],
                                              ["top_reposted", o.top_reposted, "reposts", "shares_n"],
                                              ["top_commented", o.top_commented || [], "comments", "comments_n"]]) {
      if (!list.length) continue;
      parts.push(el("h3", {text: CN.t(title)}));
      parts.push(el("ol", {className: "messages"}, list.map((m) => el("li", {}, [
        el("div", {className: "msg-head"}, [accountButton(m.account, people[m.account], actions),
                                            el("span", {text: CN.plural(figure, m[key], {n: CN.number(m[key])})})]),
        el("div", {className: "msg-text", text: m.text}),
      ]))));
    }
    CN.clear(node).append(...parts);
  };

  /** The groups (communities) of the network, named after their most central member; ``governed``:
   *  the case names government accounts (without any, reach does not apply: n/a). */
  CN.renderGroups = function (node, net, ranks, actions, governed = true) {
    const nameOf = (id) => {
      const n = net.nodes.find((x) => x.id === id);
      return n ? n.name : id;
    };
    const items = net.communities.map((c) => el("li", {}, [
      el("div", {}, [
        CN.swatch(ranks.has(c.id) ? ranks.get(c.id) : -1),
        el("button", {type: "button", className: "link community", dataset: {community: c.id},
                      text: CN.t("web_group_line", {name: c.name, size: CN.number(c.size)}),
                      on: {click: () => actions.community(c.id)}}),
        " ", governed ? el("span", {className: c.reached_by_government ? "gov" : "unreached",
                                    text: CN.t(c.reached_by_government ? "reached_yes" : "reached_no")})
                      : el("span", {className: "note", text: CN.t("reach_no_government")}),
      ]),
      el("div", {className: "note", text: CN.t("web_central", {names: c.top_accounts.map(nameOf).join(", ")})}),
      c.top_terms.length ? el("div", {className: "note", text: CN.t("web_terms", {terms: c.top_terms.join(", ")})}) : null,
      c.government_accounts.length ? el("div", {className: "note", text: CN.t("web_gov_accounts", {names: c.government_accounts.map(nameOf).join(", ")})}) : null,
      el("div", {className: "note", text: CN.t("web_shares", {contact: CN.share(c.government_contact_share),
                                                                audience: CN.share(c.government_audience_share),
                                                                inbound: CN.share(c.government_inbound_share)})}),
    ]));
    CN.clear(node).append(
      el("h2", {text: net.platform
        ? CN.t("web_groups_title_platform", {kind: CN.code("network_kind", net.kind), platform: CN.code("platform", net.platform)})
        : CN.t("web_groups_title", {kind: CN.code("network_kind", net.kind)})}),
      el("p", {className: "note", text: CN.t("web_groups_note", {
        modularity: net.modularity === null ? CN.na() : net.modularity.toLocaleString(CN.LANG === "nl" ? "nl-NL" : "en-GB", {maximumFractionDigits: 2}),
        method: CN.code("method", net.community_method)})}),
      el("ul", {className: "groups"}, items));
  };

  /** One message as a list item. */
  CN.messageItem = function (m, actions) {
    const head = [accountButton(m.account, {name: m.name, handle: m.handle}, actions),
                  el("time", {datetime: m.created_at || "", text: CN.moment(m.created_at)}),
                  el("span", {text: CN.code("kind", m.kind)})];
    if (m.government) head.push(el("span", {className: "gov", text: CN.t("web_government")}));
    if (m.context) head.push(el("span", {className: "note", text: CN.t("web_context")}));
    const foot = [];
    if (m.root || m.parent) {
      foot.push(el("button", {type: "button", className: "link", text: CN.t("web_thread"),
                              on: {click: () => actions.thread(m.root || m.parent)}}));
    }
    if (m.likes) foot.push(el("span", {className: "note", text: CN.plural("likes_n", m.likes, {n: CN.number(m.likes)})}));
    if (m.reposts) foot.push(el("span", {className: "note", text: CN.t("shares_n", {n: CN.number(m.reposts)})}));
    return el("li", {className: "message", dataset: {id: m.id}}, [
      el("div", {className: "msg-head"}, head),
      el("div", {className: "msg-text", text: m.text === null ? CN.t("web_no_text") : m.text}),
      el("div", {className: "msg-head"}, foot),
    ]);
  };

  /** The timeline as SVG bars: messages, government messages, peaks marked; click a day for its messages. */
  CN.renderTimeline = function (node, t, actions) {
    const slots = t.slots;
    CN.clear(node).append(el("h2", {text: CN.t(t.unit === "hour" ? "web_timeline_hour" : "web_timeline_day")}));
    if (!slots.length) { node.append(el("p", {text: CN.t("web_no_dated")})); return; }
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    const width = 600, height = 170, max = Math.max(1, ...slots.map((s) => s.messages));
    const w = width / slots.length, peaks = new Set(t.peaks);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("preserveAspectRatio", "none");
    slots.forEach((s, i) => {
      const h = (s.messages / max) * (height - 20), hg = (s.government_messages / max) * (height - 20);
      const bar = document.createElementNS(ns, "rect");
      bar.setAttribute("class", "bar" + (peaks.has(s.date) && t.unit === "day" ? " peak" : ""));
      bar.setAttribute("x", i * w); bar.setAttribute("width", Math.max(w - 1, 0.5));
      bar.setAttribute("y", height - 15 - h); bar.setAttribute("height", h);
      const title = document.createElementNS(ns, "title");
      title.textContent = CN.t("web_tooltip", {when: s.hour ? CN.moment(s.hour) : CN.day(s.date),
                                                n: CN.number(s.messages), g: CN.number(s.government_messages)});
      bar.append(title);
      bar.addEventListener("click", () => actions.day(s.date));
      const gov = document.createElementNS(ns, "rect");
      gov.setAttribute("class", "bar gov"); gov.setAttribute("x", i * w); gov.setAttribute("width", Math.max(w - 1, 0.5));
      gov.setAttribute("y", height - 15 - hg); gov.setAttribute("height", hg);
      gov.addEventListener("click", () => actions.day(s.date));
      svg.append(bar, gov);
    });
    for (const [i, label] of [[0, slots[0].date], [slots.length - 1, slots[slots.length - 1].date]]) {
      const text = document.createElementNS(ns, "text");
      text.setAttribute("x", i === 0 ? 0 : width); text.setAttribute("y", height - 2);
      text.setAttribute("text-anchor", i === 0 ? "start" : "end");
      text.textContent = CN.day(label);
      svg.append(text);
    }
    node.append(el("div", {className: "timeline"}, svg),
                el("p", {className: "note", text: CN.t("web_timeline_note")}),
                el("h3", {text: CN.t("peaks")}),
                el("ul", {}, t.peaks.length ? t.peaks.map((p) => el("li", {}, el("button", {
                  type: "button", className: "link", text: CN.day(p), on: {click: () => actions.day(p)}}))) : el("li", {text: CN.t("none")})));
    if (t.events.length) {
      node.append(el("h3", {text: CN.t("events")}), el("ul", {}, t.events.map((e) => el("li", {text: CN.day(e.date) + " " + e.label}))));
    }
  };

  /** One row of the webcare queue. */
  CN.inboxItem = function (r, actions) {
    return el("li", {className: "message"}, [
      el("div", {className: "msg-head"}, [
        el("strong", {text: r.category_text || r.category}), el("span", {text: r.urgency_text || r.urgency}),
        el("span", {text: CN.t("web_priority", {n: CN.number(r.priority)})}),
        accountButton(r.account, {name: r.name, handle: r.handle}, actions), el("span", {text: CN.moment(r.created_at)}),
        r.sla_breached ? el("span", {className: "badge", text: CN.t("web_breached")}) : null,
        r.answered_by ? el("span", {className: "note", text: CN.t("web_answered_by", {name: r.answered_by_name || r.answered_by})}) : null,
      ]),
      el("div", {className: "msg-text", text: r.text}),
      el("div", {className: "note", text: CN.t("web_route", {route: r.route || "–"}) + " · " + (r.reason || "")}),
    ]);
  };

  /** The reply check's findings, with the text marked where each rule fired (the explanation says which). */
  CN.renderFindings = function (node, text, findings) {
    CN.clear(node);
    if (!findings.length) { node.append(el("p", {text: CN.t("web_no_findings")})); return; }
    const marked = el("p", {className: "msg-text"});
    let at = 0;
    [...findings].filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end))
      .sort((a, b) => a.start - b.start).forEach((f) => {
        if (f.start < at) return;
        marked.append(text.slice(at, f.start), el("mark", {title: f.message, dataset: {rule: f.rule}, text: text.slice(f.start, f.end)}));
        at = f.end;
      });
    marked.append(text.slice(at));
    node.append(marked, el("ul", {}, findings.map((f) => el("li", {className: "finding", dataset: {rule: f.rule}}, [
      el("mark", {text: Number.isInteger(f.start) ? text.slice(f.start, f.end) : ""}), " ", f.message]))));
  };

  const FILES = {"case.yaml": "file_case", "nodes.csv": "file_nodes", "edges.csv": "file_edges",
                 "network.gexf": "file_gexf", "messages.csv": "file_messages"};

  /** The downloads, each said in the page's language (``network``: the case's main network kind). */
  CN.renderFiles = function (node, caseId, files, network) {
    const what = (f) => CN.t(FILES[f.name] || "file_source", {network: CN.code("network_kind", network)});
    CN.clear(node).append(el("h2", {text: CN.t("web_files_title")}), el("ul", {}, files.map((f) => el("li", {}, [
      el("a", {href: "/api/cases/" + encodeURIComponent(caseId) + "/files/" + encodeURIComponent(f.name),
               download: f.name, text: f.name}), " – ", what(f)]))));
  };
})(window.CN);
