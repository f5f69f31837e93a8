/* charts.js — bar charts over the statistics tables of supervision (/tasks/stats), drawn with
 * ECharts (/static/vendor/echarts.min.js, loaded before this file with `defer`).
 * Progressive enhancement only: the page shows every number as a table without scripts; this
 * file reads the same numbers from <script type="application/json" id="charts-data"> and fills
 * each empty <div class="chart" data-chart="units|leaders|scores" hidden> with a horizontal bar
 * chart (scores: the information scores of /scores).
 * Tooltips render inside the canvas (richText): the Content-Security-Policy forbids the inline
 * styles of HTML tooltips.
 */
(function () {
	'use strict';

	var COLOURS = { closed: '#8c96a3', open: '#1656a8', overdue: '#c27c00', instructions: '#5b8fd6' };

	/* The JSON block's numbers, or null. */
	function data() {
		var el = document.getElementById('charts-data');
		if (!el)
			return null;
		try {
			return JSON.parse(el.textContent);
		} catch (e) {
			return null;
		}
	}

	/* One bar series NAME of VALUES in COLOUR, stacked on STACK when given. */
	function series(name, values, colour, stack) {
		var s = { name: name, type: 'bar', data: values, itemStyle: { color: colour }, barMaxWidth: 18 };
		if (stack)
			s.stack = stack;
		return s;
	}

	/* The chart options of KIND ("units", "leaders" or "scores") from D. */
	function options(kind, d) {
		var l = d.labels, list;
		if (kind === 'units') {
			var u = d.units, still = [];
			for (var i = 0; i < u.open.length; i++)
				still.push(Math.max(u.open[i] - u.overdue[i], 0));
			/* closed + open on time + overdue = every task of the unit */
			list = [series(l.closed, u.closed, COLOURS.closed, 'all'),
				series(l.open, still, COLOURS.open, 'all'),
				series(l.overdue, u.overdue, COLOURS.overdue, 'all')];
			return { names: u.names, series: list };
		}
		if (kind === 'scores')
			return { names: d.scores.names, series: [series(l.points, d.scores.points, COLOURS.open)] };
		/* the leaders with something to show (the table lists every one) */
		var g = d.leaders, keys = ['instructions', 'open', 'closed', 'overdue'], names = [], cols = {};
		keys.forEach(function (k) { cols[k] = []; });
		for (var j = 0; j < g.names.length; j++) {
			if (keys.every(function (k) { return !g[k][j]; }))
				continue;
			names.push(g.names[j]);
			keys.forEach(function (k) { cols[k].push(g[k][j]); });
		}
		list = [series(l.instructions, cols.instructions, COLOURS.instructions),
			series(l.open, cols.open, COLOURS.open),
			series(l.closed, cols.closed, COLOURS.closed),
			series(l.overdue, cols.overdue, COLOURS.overdue)];
		return { names: names, series: list };
	}

	/* Draws the chart of EL from D. */
	function draw(el, d) {
		var o = options(el.getAttribute('data-chart'), d);
		if (!o.names || o.names.length === 0)
			return null;
		el.hidden = false;
		el.style.height = Math.max(140, o.names.length * (o.series.length > 3 ? 40 : 28) + 70) + 'px';
		var chart = window.echarts.init(el, null, { renderer: 'canvas' });
		chart.setOption({
			animation: false,
			textStyle: { fontFamily: '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
			tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
			legend: { top: 0 },
			grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
			xAxis: { type: 'value', minInterval: 1 },
			yAxis: { type: 'category', data: o.names, inverse: true,
				 axisLabel: { width: 150, overflow: 'truncate' } },
			series: o.series,
		});
		return chart;
	}

	document.addEventListener('DOMContentLoaded', function () {
		var d = data();
		if (!d || !window.echarts)
			return;
		var charts = [];
		document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
			var c = draw(el, d);
			if (c)
				charts.push(c);
		});
		window.addEventListener('resize', function () {
			charts.forEach(function (c) { c.resize(); });
		});
	});
})();
