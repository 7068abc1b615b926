/* civicnet dashboard: the interactive network (sigma.js over graphology).
 * Nodes are coloured by community and labelled by display name (the pseudonym of a hidden
 * citizen); government accounts are labelled with a leading "★" and always show their label. Hovering or clicking an account highlights its
 * neighbourhood; a community filter, a selection and the kinds of tie shown are
 * applied through sigma's reducers, so nothing is rebuilt when they change.
 * Labels are drawn on the canvas by sigma (never parsed as markup). */
"use strict";

(function (CN) {
  const GraphCtor = window.graphology && (window.graphology.Graph || window.graphology);
  const SigmaCtor = window.Sigma && (window.Sigma.Sigma || window.Sigma.default || window.Sigma);
  const DIM = "#e6e6e6";
  const LABEL_ROOM = 0.12;  // the frame's width added on the right for the labels of the rightmost accounts

  class NetworkView {
    constructor(container, handlers) {
      this.container = container;
      this.handlers = handlers;
      this.renderer = null;
      this.graph = null;
      this.community = null;     // community id the view is filtered to, or null
      this.selected = null;      // selected node id, or null
      this.hovered = null;
      this.kinds = new Set();    // kinds of tie shown
      this.kindLabels = [];
      this.decorator = null;     // {node(node, res), edge(edge, res)}: marks laid over the reducers (ambassadors.js)
    }

    /** Replace the network with an API network payload. */
    load(payload, ranks) {
      if (this.renderer) this.renderer.kill();
      this.ranks = ranks;
      this.kindLabels = payload.kind_labels;
      this.kinds = new Set(payload.kinds);
      this.community = null;
      this.selected = null;
      const graph = new GraphCtor({type: payload.directed ? "directed" : "undirected", multi: false});
      payload.nodes.forEach((n) => this._addNode(graph, n));
      payload.edges.forEach(([s, t, w, k]) => {
        const a = payload.nodes[s].id, b = payload.nodes[t].id;
        this._addEdge(graph, a, b, w, k);
      });
      this.graph = graph;
      this.renderer = new SigmaCtor(graph, this.container, {
        defaultEdgeType: payload.directed ? "arrow" : "line",
        labelRenderedSizeThreshold: 9,
        zIndex: true,
        nodeReducer: (node, data) => this._decorate("node", node, this._nodeReducer(node, data)),
        edgeReducer: (edge, data) => this._decorate("edge", edge, this._edgeReducer(edge, data)),
      });
      this._roomForLabels();
      this.renderer.on("clickNode", ({node}) => this.select(node, true));
      this.renderer.on("clickStage", () => this.select(null, true));
      this.renderer.on("enterNode", ({node}) => { this.hovered = node; this.renderer.refresh({skipIndexation: true}); });
      this.renderer.on("leaveNode", () => { this.hovered = null; this.renderer.refresh({skipIndexation: true}); });
    }

    /** Labels are drawn to the right of their account: widen the frame on the right by LABEL_ROOM of its
     * width, so that the names of the accounts at the right edge are not cut off by the canvas. */
    _roomForLabels() {
      if (!this.graph.order || !this.renderer.setCustomBBox) return;
      const xs = [], ys = [];
      this.graph.forEachNode((node, a) => { xs.push(a.x); ys.push(a.y); });
      const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
      if (x1 <= x0 || y1 <= y0) return;
      this.renderer.setCustomBBox({x: [x0, x1 + LABEL_ROOM * (x1 - x0)], y: [y0, y1]});
    }

    _addNode(graph, n) {
      if (graph.hasNode(n.id)) return;
      const rank = this.ranks.has(n.community) ? this.ranks.get(n.community) : -1;
      graph.addNode(n.id, {
        x: n.x, y: n.y, size: n.size, community: n.community, government: n.government,
        color: rank >= 0 && rank < 12 ? CN.PALETTE[rank] : CN.OTHER,
        name: n.name || n.id, handle: n.handle,
        label: (n.government ? "★ " : "") + (n.name || n.id), forceLabel: n.government, zIndex: n.government ? 2 : 1,
      });
    }

    _addEdge(graph, a, b, w, k) {
      if (!graph.hasNode(a) || !graph.hasNode(b) || graph.hasEdge(a, b)) return;
      const kinds = (this.kindLabels[k] || "").split(";");
      graph.addEdge(a, b, {weight: w, kinds: kinds, size: Math.min(1 + Math.log2(w), 5), color: "#bbb"});
    }

    /** Add an account and its neighbours fetched from the API (an account not shown before). */
    addNeighbourhood(data) {
      data.nodes.forEach((n) => this._addNode(this.graph, n));
      const labels = data.kind_labels;
      data.edges.forEach(([a, b, w, k]) => {
        const code = this.kindLabels.indexOf(labels[k]);
        if (code < 0) this.kindLabels.push(labels[k]);
        this._addEdge(this.graph, a, b, w, code < 0 ? this.kindLabels.length - 1 : code);
      });
      this._roomForLabels();
    }

    /** Select an account (null: none); the handler hears about clicks. */
    select(node, fromClick) {
      this.selected = node && this.graph.hasNode(node) ? node : null;
      this.renderer.refresh({skipIndexation: true});
      if (fromClick && this.handlers.onSelect) this.handlers.onSelect(this.selected);
    }

    /** Move the camera to an account. */
    focus(node) {
      const data = this.renderer.getNodeDisplayData(node);
      if (data) this.renderer.getCamera().animate({x: data.x, y: data.y, ratio: 0.4}, {duration: 400});
    }

    /** Show only one community (null: everyone). */
    filterCommunity(id) {
      this.community = id;
      this.renderer.refresh({skipIndexation: true});
    }

    setKinds(kinds) {
      this.kinds = new Set(kinds);
      this.renderer.refresh({skipIndexation: true});
    }

    nodeCount() { return this.graph ? this.graph.order : 0; }
    edgeCount() { return this.graph ? this.graph.size : 0; }

    _focusNode() { return this.hovered || this.selected; }

    _decorate(what, key, res) {
      return this.decorator && !res.hidden ? this.decorator[what](key, res) : res;
    }

    /** Redraw after a decorator changed what it marks. */
    refresh() { if (this.renderer) this.renderer.refresh({skipIndexation: true}); }

    _nodeReducer(node, data) {
      const res = Object.assign({}, data);
      if (this.community !== null && data.community !== this.community) {
        res.hidden = true;
        return res;
      }
      const focus = this._focusNode();
      if (focus && focus !== node && !this.graph.areNeighbors(focus, node)) {
        res.color = DIM;
        res.label = "";
        res.forceLabel = false;
      } else if (focus) {
        res.forceLabel = true;
        res.zIndex = 3;
      }
      if (node === this.selected) res.highlighted = true;
      return res;
    }

    _edgeReducer(edge, data) {
      const res = Object.assign({}, data);
      if (!data.kinds.some((k) => this.kinds.has(k))) {
        res.hidden = true;
        return res;
      }
      const [s, t] = this.graph.extremities(edge);
      if (this.community !== null &&
          (this.graph.getNodeAttribute(s, "community") !== this.community ||
           this.graph.getNodeAttribute(t, "community") !== this.community)) {
        res.hidden = true;
        return res;
      }
      const focus = this._focusNode();
      if (focus) {
        if (s !== focus && t !== focus) res.hidden = true;
        else res.color = "#555";
      }
      return res;
    }
  }

  CN.NetworkView = NetworkView;
})(window.CN);
