/* civicnet dashboard: the side panels (overview, groups, messages, timeline, inbox, downloads).
 * Each render function builds DOM nodes with CN.el (textContent only). */
"use strict";

(function (CN) {
  const el = CN.el;

  function figures(rows) {
    return el("table", {className: "figures"}, rows.map(([name, value]) =>
      el("tr", {}, [el("th", {text: name}), el("td", {className: "num", text: value})])));
  }

  /** The overview: the factsheet's figures. */
  CN.renderOverview = function (node, o, actions) {
    const c = o.counts, g = o.government;
    const period = o.case.period.start ? o.case.period.start + " – " + o.case.period.end : "no messages";
    const parts = [
      el("h2", {text: o.case.title}),
      el("p", {className: "note", text: [o.case.level, o.case.language, period].filter(Boolean).join(" · ")}),
      figures([["messages", CN.number(c.messages)], ["posts", CN.number(c.posts)],
               ["comments", CN.number(c.comments)], ["replies", CN.number(c.replies)],
               ["reposts", CN.number(c.reposts)], ["quotes", CN.number(c.quotes)],
               ["likes", CN.number(c.likes)], ["mentions", CN.number(c.mentions)],
               ["participants", CN.number(c.participants)],
               ["government messages", CN.number(c.government_messages)]]),
      el("h3", {text: "Government"}),
      figures([["accounts", g.accounts.map((a) => a.handle).join(", ") || "none found"],
               ["sender pattern", g.sender_pattern],
               ["questions received", CN.number(g.questions_received)],
               ["questions answered", CN.number(g.questions_answered)],
               ["median response (minutes)", CN.number(g.median_response_minutes)],
               ["proactive / active / reactive", [g.timing.proactive, g.timing.active, g.timing.reactive].join(" / ")],
               ["reached groups", g.reached_communities.join(", ") || "none"],
               ["groups not reached", g.unreached_communities.join(", ") || "none"]]),
      el("h3", {text: "Message types of government"}),
      figures(Object.entries(g.message_types).map(([k, v]) => [k, CN.number(v)])),
      el("h3", {text: "Peaks"}),
      el("p", {text: o.peaks.length ? o.peaks.join(", ") : "no day stands out"}),
    ];
    for (const [title, list, key] of [["Most liked", o.top_liked, "likes"], ["Most reposted", o.top_reposted, "reposts"]]) {
      if (!list.length) continue;
      parts.push(el("h3", {text: title}));
      parts.push(el("ol", {className: "messages"}, list.map((m) => el("li", {}, [
        el("div", {className: "msg-head"}, [accountButton(m.account, actions), el("span", {text: CN.number(m[key]) + " " + key})]),
        el("div", {className: "msg-text", text: m.text}),
      ]))));
    }
    CN.clear(node).append(...parts);
  };

  function accountButton(account, actions) {
    if (!account) return el("span", {text: "(unknown account)"});
    return el("button", {type: "button", className: "link", text: account, on: {click: () => actions.account(account)}});
  }

  /** The groups (communities) of the network. */
  CN.renderGroups = function (node, net, ranks, actions) {
    const items = net.communities.map((c) => el("li", {}, [
      el("div", {}, [
        CN.swatch(ranks.has(c.id) ? ranks.get(c.id) : -1),
        el("button", {type: "button", className: "link community", dataset: {community: c.id},
                      text: "Group " + c.id + " (" + c.size + " accounts)", on: {click: () => actions.community(c.id)}}),
        c.reached_by_government ? el("span", {className: "gov", text: "reached by government"}) : null,
      ]),
      el("div", {className: "note", text: "central: " + c.top_accounts.join(", ")}),
      c.top_terms.length ? el("div", {className: "note", text: "terms: " + c.top_terms.join(", ")}) : null,
      c.government_accounts.length ? el("div", {className: "note", text: "government: " + c.government_accounts.join(", ")}) : null,
      el("div", {className: "note", text: "outreach " + CN.share(c.government_outreach_share) +
                                         " · inbound " + CN.share(c.government_inbound_share)}),
    ]));
    CN.clear(node).append(
      el("h2", {text: "Groups in the " + net.kind + " network"}),
      el("p", {className: "note", text: "modularity " + (net.modularity === null ? "–" : net.modularity.toFixed(3)) +
                                        " · " + net.community_method + ". Click a group to show only it and read its messages."}),
      el("ul", {className: "groups"}, items));
  };

  /** One message as a list item. */
  CN.messageItem = function (m, actions) {
    const head = [accountButton(m.account, actions), el("time", {datetime: m.created_at || "", text: m.created_at || "undated"}),
                  el("span", {text: m.kind})];
    if (m.government) head.push(el("span", {className: "gov", text: "government"}));
    if (m.context) head.push(el("span", {className: "note", text: "context (not counted)"}));
    const foot = [];
    if (m.root || m.parent) {
      foot.push(el("button", {type: "button", className: "link", text: "thread",
                              on: {click: () => actions.thread(m.root || m.parent)}}));
    }
    if (m.likes) foot.push(el("span", {className: "note", text: m.likes + " likes"}));
    if (m.reposts) foot.push(el("span", {className: "note", text: m.reposts + " reposts"}));
    return el("li", {className: "message", dataset: {id: m.id}}, [
      el("div", {className: "msg-head"}, head),
      el("div", {className: "msg-text", text: m.text === null ? "(no text)" : m.text}),
      el("div", {className: "msg-head"}, foot),
    ]);
  };

  /** The timeline as SVG bars: messages, government messages, peaks marked; click a day for its messages. */
  CN.renderTimeline = function (node, t, actions) {
    const slots = t.slots;
    CN.clear(node).append(el("h2", {text: "Timeline (per " + t.unit + ")"}));
    if (!slots.length) { node.append(el("p", {text: "no dated messages"})); return; }
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
      title.textContent = (s.hour || s.date) + ": " + s.messages + " messages, " + s.government_messages + " by government";
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
      text.textContent = label;
      svg.append(text);
    }
    node.append(el("div", {className: "timeline"}, svg),
                el("p", {className: "note", text: "Dark: government messages. Red: peak days. Click a bar to read that day."}),
                el("h3", {text: "Peaks"}),
                el("ul", {}, t.peaks.length ? t.peaks.map((p) => el("li", {}, el("button", {
                  type: "button", className: "link", text: p, on: {click: () => actions.day(p)}}))) : el("li", {text: "none"})));
    if (t.events.length) {
      node.append(el("h3", {text: "Events"}), el("ul", {}, t.events.map((e) => el("li", {text: e.date + " " + e.label}))));
    }
  };

  /** One row of the webcare queue. */
  CN.inboxItem = function (r, actions) {
    return el("li", {className: "message"}, [
      el("div", {className: "msg-head"}, [
        el("strong", {text: r.category}), el("span", {text: r.urgency}), el("span", {text: "priority " + r.priority}),
        accountButton(r.account, actions), el("span", {text: r.created_at}),
        r.sla_breached ? el("span", {className: "badge", text: "service level breached"}) : null,
        r.answered_by ? el("span", {className: "note", text: "answered by " + r.answered_by}) : null,
      ]),
      el("div", {className: "msg-text", text: r.text}),
      el("div", {className: "note", text: "route: " + (r.route || "–") + " · " + (r.reason || "")}),
    ]);
  };

  /** The reply check's findings, with the text marked where each rule fired. */
  CN.renderFindings = function (node, text, findings) {
    CN.clear(node);
    if (!findings.length) { node.append(el("p", {text: "No findings."})); return; }
    const marked = el("p", {className: "msg-text"});
    let at = 0;
    [...findings].filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end))
      .sort((a, b) => a.start - b.start).forEach((f) => {
        if (f.start < at) return;
        marked.append(text.slice(at, f.start), el("mark", {title: f.rule, text: text.slice(f.start, f.end)}));
        at = f.end;
      });
    marked.append(text.slice(at));
    node.append(marked, el("ul", {}, findings.map((f) => el("li", {className: "finding"}, [
      el("strong", {text: f.rule}), " ", f.message]))));
  };

  /** The downloads. */
  CN.renderFiles = function (node, caseId, files) {
    CN.clear(node).append(el("h2", {text: "Downloads"}), el("ul", {}, files.map((f) => el("li", {}, [
      el("a", {href: "/api/cases/" + encodeURIComponent(caseId) + "/files/" + encodeURIComponent(f.name),
               download: f.name, text: f.name}), " – ", f.description]))));
  };
})(window.CN);
