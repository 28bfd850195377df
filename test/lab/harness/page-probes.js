// Runs inside the JupyterLab page, injected before the page's own scripts by runInLab.ts (kept as
// plain browser JavaScript so no test transpiler rewrites it). It reads the open notebook as a
// student sees it (the DOM) and as the kernel sent it (the notebook model, through the
// `window.jupyterapp` that lab/src/index.js exposes), and answers the test's questions as JSON.
(function () {
  'use strict';
  var VEGA_MIME = /^application\/vnd\.vega(lite)?\.v\d+\+json$/;

  function panel() {
    var app = window.jupyterapp;
    var widget = app && app.shell && app.shell.currentWidget;
    return widget && widget.content && widget.content.widgets && widget.sessionContext ? widget : null;
  }

  function text(node) {
    return node ? (node.textContent || '').trim() : '';
  }

  /** Whether a Vega view drew something: a canvas with at least two colours, or an SVG with visible marks. */
  function drawn(node) {
    var canvas = node.querySelector('canvas');
    if (canvas) {
      if (!canvas.width || !canvas.height) return { ok: false, why: 'canvas of zero size' };
      var ctx = canvas.getContext('2d');
      if (!ctx) return { ok: false, why: 'canvas without a 2d context' };
      var data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      var first = -1;
      var step = Math.max(4, Math.floor(data.length / 4 / 200000) * 4);
      for (var i = 0; i < data.length; i += step) {
        var px = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
        if (data[i + 3] === 0) continue;
        if (first === -1) first = px;
        else if (px !== first) return { ok: true, kind: 'canvas', width: canvas.width, height: canvas.height };
      }
      return { ok: false, why: 'canvas is blank (' + canvas.width + '×' + canvas.height + ')' };
    }
    var svg = node.querySelector('svg.marks') || node.querySelector('.vega-embed svg');
    if (svg) {
      var box = svg.getBoundingClientRect();
      if (!box.width || !box.height) return { ok: false, why: 'svg of zero size' };
      var marks = svg.querySelectorAll('path, rect, line, circle, text, image');
      for (var j = 0; j < marks.length; j++) {
        var b = marks[j].getBoundingClientRect();
        if (b.width > 0 || b.height > 0) return { ok: true, kind: 'svg', width: box.width, height: box.height };
      }
      return { ok: false, why: 'svg without visible marks' };
    }
    var err = text(node);
    return { ok: false, why: err ? 'no chart; the renderer says: ' + err.slice(0, 300) : 'no canvas or svg yet' };
  }

  function outputsOf(cell) {
    try {
      return cell.model.outputs.toJSON();
    } catch (e) {
      return [];
    }
  }

  function cellReport(cell, index) {
    var type = cell.model.type;
    var report = { index: index, type: type, source: cell.model.sharedModel.getSource() };
    if (type !== 'code') return report;
    report.prompt = text(cell.node.querySelector('.jp-InputPrompt'));
    report.executionCount = cell.model.executionCount;
    report.stderr = Array.prototype.map.call(
      // Stream stderr, errors, and renderers that threw (OutputArea swaps their classes for
      // jp-RenderedText and marks them as stderr, "Javascript Error: …").
      cell.node.querySelectorAll('.jp-OutputArea-child [data-mime-type="application/vnd.jupyter.stderr"]'),
      function (n) { return text(n).slice(0, 2000); }
    );
    var outputs = outputsOf(cell);
    report.errors = outputs
      .filter(function (o) { return o.output_type === 'error'; })
      .map(function (o) { return o.ename + ': ' + o.evalue; });
    report.modelStderr = outputs
      .filter(function (o) { return o.output_type === 'stream' && o.name === 'stderr'; })
      .map(function (o) { return String(Array.isArray(o.text) ? o.text.join('') : o.text).slice(0, 2000); });
    report.chartsExpected = outputs.filter(function (o) {
      return o.data && Object.keys(o.data).some(function (k) { return VEGA_MIME.test(k); });
    }).length;
    report.charts = Array.prototype.map.call(cell.node.querySelectorAll('.jp-RenderedVegaCommon5'), drawn);
    return report;
  }

  window.__lessonsLab = {
    /** What the page shows: is the notebook open, which kernel, is it idle. */
    state: function () {
      var p = panel();
      var indicator = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
      return {
        restored: document.body.dataset.labRestored === 'true',
        notebook: p ? p.context.path : null,
        cells: p ? p.content.widgets.length : 0,
        kernelName: p ? text(p.node.querySelector('.jp-Toolbar-kernelName')) : '',
        status: indicator ? indicator.getAttribute('data-status') : null,
        dialog: text(document.querySelector('.jp-Dialog')).slice(0, 500),
      };
    },
    /** Whether Run All has started: some code cell shows [*] or a number. */
    runStarted: function () {
      var p = panel();
      if (!p) return false;
      return p.content.widgets.some(function (c) {
        return c.model.type === 'code' && /^\[(\*|\d+)\]:$/.test(text(c.node.querySelector('.jp-InputPrompt')));
      });
    },
    /** Whether Run All is over: no cell waits or runs ([*]) and the kernel is idle. */
    runFinished: function () {
      var p = panel();
      if (!p) return false;
      var busy = p.content.widgets.some(function (c) {
        return c.model.type === 'code' && text(c.node.querySelector('.jp-InputPrompt')) === '[*]:';
      });
      var s = window.__lessonsLab.state();
      return !busy && s.status === 'idle';
    },
    /** The first cell still running or queued, for a timeout's message. */
    running: function () {
      var p = panel();
      if (!p) return null;
      var cells = p.content.widgets;
      for (var i = 0; i < cells.length; i++) {
        if (cells[i].model.type === 'code' && text(cells[i].node.querySelector('.jp-InputPrompt')) === '[*]:') {
          return { index: i, source: cells[i].model.sharedModel.getSource().slice(0, 400) };
        }
      }
      return null;
    },
    /** Whether every chart the kernel sent has been drawn (or will not be: its renderer gave up). */
    chartsSettled: function () {
      var p = panel();
      if (!p) return false;
      return p.content.widgets.every(function (c, i) {
        if (c.model.type !== 'code') return true;
        var r = cellReport(c, i);
        // A renderer that throws is replaced by a "Javascript Error" stderr output (OutputArea).
        if (r.charts.length < r.chartsExpected) return r.stderr.length > 0;
        return r.charts.every(function (d) { return d.ok || d.why.indexOf('no canvas or svg yet') === -1; });
      });
    },
    /** Every cell: source, prompt, stderr and error outputs, charts expected and drawn. */
    report: function () {
      var p = panel();
      if (!p) return null;
      return p.content.widgets.map(cellReport);
    },
    /**
     * How tall the page must be to show the whole notebook without scrolling: the page around the
     * notebook plus the notebook's cells (not its scrollHeight, which includes the "scroll past
     * end" space that grows with the window).
     */
    fullHeight: function () {
      var p = panel();
      if (!p || !p.content.widgets.length) return window.innerHeight;
      var scroller = p.content.node.querySelector('.jp-WindowedPanel-outer') || p.content.node;
      var cells = p.content.widgets;
      var last = cells[cells.length - 1].node.getBoundingClientRect();
      var top = scroller.getBoundingClientRect().top;
      var contentBottom = last.bottom - top + scroller.scrollTop;
      return window.innerHeight - scroller.clientHeight + contentBottom + 48;
    },
    /** Scrolls the notebook back to its first cell. */
    scrollToTop: function () {
      var p = panel();
      if (!p) return false;
      var scroller = p.content.node.querySelector('.jp-WindowedPanel-outer') || p.content.node;
      scroller.scrollTop = 0;
      return true;
    },
    /** Resolves after the browser has laid out and painted twice. */
    frames: function () {
      return new Promise(function (resolve) {
        requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(true); }); });
      });
    },
  };
})();
