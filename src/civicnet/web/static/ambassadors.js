/* civicnet dashboard: candidate ambassadors, who could carry government's message into a group it
 * does not reach (GET /api/cases/{case}/network/ambassadors; docs/dashboard.md "Ambassadors").
 * On the network every candidate is ringed and labelled; choosing one in the Groups tab selects it
 * and draws its ties into the group (in the group's colour) and to government (black), with the
 * group's members and those government accounts kept bright. In the Groups tab each unreached
 * group lists its candidates: name, kind of account, why (in the page's language), their figures
 * and one of their messages. Everything from the data is set as text (CN.el) or drawn on the
 * canvas; every word comes from the catalogue (CN.t). */
"use strict";

(function (CN) {
  const el = CN.el;
  const RING = "#e6550d";

  class Ambassadors {
    constructor(view, actions) {
      this.view = view;
      this.actions = actions;
      this.data = null;
      this.marked = new Set();   // candidate node ids
      this.active = null;        // {id, group, members: Set, government: Set}
    }

    /** Fetch the candidates of the network shown, mark them and list them under their groups. */
    async load(caseId, net, panel, ranks, isCurrent) {
      this.data = null;
      this.active = null;
      this.marked = new Set();
      let data;
      try {
        data = await CN.api("/api/cases/" + encodeURIComponent(caseId) + "/network/ambassadors",
                            {kind: net.kind, platform: net.platform, start: net.period.start, end: net.period.end});
      } catch (error) {
        if (isCurrent()) panel.append(el("p", {className: "error", text: error.message || String(error)}));
        return;
      }
      if (!isCurrent()) return;  // a newer network is shown
      this.data = data;
      this.net = net;
      const view = this.view;
      const byId = new Map(data.nodes.map((n) => [n.id, n]));
      for (const g of data.groups) {
        for (const c of g.candidates) {
          this.marked.add(c.account);
          if (!view.graph.hasNode(c.account) && byId.has(c.account)) {
            view.addNeighbourhood({nodes: [byId.get(c.account)], edges: [], kind_labels: data.kind_labels});
          }
        }
      }
      view.decorator = {node: (node, res) => this._node(node, res), edge: (edge, res) => this._edge(edge, res)};
      const base = view.renderer.getSetting("defaultDrawNodeLabel");
      view.renderer.setSetting("defaultDrawNodeLabel", (context, d, settings) => {
        if (d.ambassador) ring(context, d);
        base(context, d, settings);
      });
      this._render(panel, ranks);
    }

    /** Select a candidate of a group on the network: its ties into the group and to government drawn. */
    choose(group, c) {
      const view = this.view;
      const byId = new Map(this.data.nodes.map((n) => [n.id, n]));
      const ties = c.ties.concat(c.government_ties);
      const ends = new Set(ties.flatMap(([a, b]) => [a, b]));
      view.addNeighbourhood({nodes: [...ends].filter((id) => byId.has(id)).map((id) => byId.get(id)),
                             edges: ties, kind_labels: this.data.kind_labels});
      const other = (t) => (t[0] === c.account ? t[1] : t[0]);
      this.active = {id: c.account, group: group.community, members: new Set(c.ties.map(other)),
                     government: new Set(c.government_ties.map(other))};
      view.filterCommunity(null);
      view.select(c.account, false);
      view.renderer.getCamera().animatedReset({duration: 400});  // the whole network: the ties reach across it
      if (this.onChange) this.onChange();
    }

    _isActive() { return this.active && this.view.selected === this.active.id && !this.view.hovered; }

    _node(node, res) {
      if (this.marked.has(node) && res.color !== "#e6e6e6") {
        res.ambassador = true;
        res.forceLabel = true;
        res.zIndex = Math.max(res.zIndex || 0, 2);
      }
      if (this._isActive() && node !== this.active.id && !this.active.members.has(node) && !this.active.government.has(node)) {
        res.color = "#e6e6e6";
        res.label = "";
        res.forceLabel = false;
        res.ambassador = false;
      }
      return res;
    }

    _edge(edge, res) {
      if (!this._isActive()) return res;
      const graph = this.view.graph;
      const [s, t] = graph.extremities(edge);
      const other = s === this.active.id ? t : s;
      if (this.active.members.has(other)) {
        const rank = this.ranks && this.ranks.has(this.active.group) ? this.ranks.get(this.active.group) : -1;
        res.color = rank >= 0 && rank < 12 ? CN.PALETTE[rank] : "#555";
        res.size = Math.max(res.size || 1, 2);
      } else if (this.active.government.has(other)) {
        res.color = "#222";
        res.size = Math.max(res.size || 1, 2);
      } else {
        res.hidden = true;
      }
      return res;
    }

    /** The candidates under each unreached group of the Groups tab, and a legend under the network. */
    _render(panel, ranks) {
      this.ranks = ranks;
      const any = this.data.groups.some((g) => g.candidates.length);
      const legend = document.getElementById("graph-note");
      if (any && legend) legend.append(" ", el("span", {className: "amb-legend", text: CN.t("amb_legend")}));
      const list = panel.querySelector("ul.groups");
      if (any && list) list.before(el("p", {className: "note", text: CN.t("amb_intro")}));
      for (const g of this.data.groups) {
        const button = panel.querySelector("button.community[data-community='" + Number(g.community) + "']");
        const item = button && button.closest("li");
        if (!item) continue;
        item.append(el("div", {className: "ambassadors", dataset: {community: g.community}}, [
          el("h4", {text: CN.t("amb_title")}),
          g.candidates.length ? el("ol", {}, g.candidates.map((c) => this._item(g, c)))
                              : el("p", {className: "note", text: CN.t("amb_none")}),
        ]));
      }
    }

    _item(g, c) {
      const head = [
        el("button", {type: "button", className: "link amb-name", on: {click: () => this.choose(g, c)}},
           CN.who(c.name || c.account, c.handle)),
        el("span", {className: "amb-role", text: CN.t("amb_role_" + (c.role || "person"))}),
      ];
      if (c.home !== g.community) head.push(el("span", {className: "note", text: CN.t("amb_home", {name: groupName(this.net, c.home)})}));
      head.push(el("button", {type: "button", className: "link", text: CN.t("amb_messages"),
                              on: {click: () => this.actions.account(c.account, c.name)}}));
      return el("li", {className: "ambassador", dataset: {account: c.account}}, [
        el("div", {className: "msg-head"}, head),
        el("div", {className: "amb-reason", text: c.reason}),
        el("div", {className: "note", text: CN.t("amb_figures", {members: CN.number(c.members_tied),
                                                                 reached: CN.number(c.ties_to_reached)})}),
        c.message ? el("blockquote", {className: "msg-text amb-message"}, [
          el("span", {className: "note", text: CN.t("amb_wrote") + " "}), c.message.text || ""]) : null,
      ]);
    }
  }

  function groupName(net, id) {
    const g = net.communities.find((x) => x.id === id);
    return g ? g.name : String(id);
  }

  /** A ring around a candidate's dot, on the labels layer (drawn over the nodes). */
  function ring(context, d) {
    context.beginPath();
    context.arc(d.x, d.y, d.size + 3, 0, Math.PI * 2);
    context.lineWidth = 2.5;
    context.strokeStyle = RING;
    context.stroke();
  }

  CN.Ambassadors = Ambassadors;
})(window.CN);
