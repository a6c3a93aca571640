/*
 * Draws the charts of a report page with Apache ECharts (assets/echarts.min.js) from the page's JSON
 * (<script id="report-data">), and writes under each chart the table and the CSV of exactly the numbers it draws.
 * A value that is null with a reason is a gap: no point on the line, a hollow mark on the axis whose tooltip gives
 * the reason, and a dash in the table whose title gives it. Nothing is fetched from the network.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var L = data.labels;
  var PALETTE = ['#1f5aa6', '#c0392b', '#2e8b57', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b8860b', '#2c3e50', '#e84393'];

  function format(v, digits) {
    return v === null || v === undefined ? '' : Number(v).toFixed(digits);
  }

  /** The x values of a variant, in the order its series first give them. */
  function xs(variant) {
    var seen = [], index = {};
    variant.series.forEach(function (s) {
      s.points.forEach(function (p) {
        var key = String(p.x);
        if (!(key in index)) { index[key] = seen.length; seen.push(p.x); }
      });
    });
    return seen;
  }

  function hasInterval(series) {
    return series.points.some(function (p) { return p.lower !== null || p.upper !== null; });
  }

  function find(series, x) {
    for (var i = 0; i < series.points.length; i++) {
      if (String(series.points[i].x) === String(x)) { return series.points[i]; }
    }
    return null;
  }

  /** The smallest value drawn, for the gap marks of a logarithmic axis (which has no 0). */
  function floor(variant) {
    var min = Infinity;
    variant.series.forEach(function (s) {
      s.points.forEach(function (p) { if (p.y !== null && p.y > 0 && p.y < min) { min = p.y; } });
    });
    return min === Infinity ? 1 : min;
  }

  function gapSeries(chart, variant, categories) {
    var base = chart.logY ? floor(variant) : 0;
    var marks = [];
    variant.series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (p.y === null && p.reason) {
          var x = categories.indexOf(String(p.x));
          var at = chart.kind === 'pyramid' ? [0, x] : [x, base];
          marks.push({ value: at, reason: s.name + ', ' + p.x + ': ' + p.reason });
        }
      });
    });
    return {
      name: L.suppressed, type: 'scatter', data: marks, symbol: 'emptyDiamond', symbolSize: 9, z: 5,
      itemStyle: { color: '#555' }, tooltip: { formatter: function (m) { return m.data.reason; } }
    };
  }

  /**
   * The x categories: for lines over years or months ('line', 'spark') every whole number from the first to the last,
   * so that the axis keeps time to scale (a projection drawn every fifth year); else the values in the series' order.
   */
  function categoriesOf(chart, variant) {
    var values = xs(variant);
    if (chart.kind !== 'line' && chart.kind !== 'spark') { return values.map(String); }
    var numbers = values.map(Number);
    var lo = Math.min.apply(null, numbers), hi = Math.max.apply(null, numbers), out = [];
    for (var v = Math.floor(lo); v <= Math.ceil(hi); v++) { out.push(String(v)); }
    return out;
  }

  function valuesOf(s, categories, field) {
    return categories.map(function (c) {
      var p = find(s, c);
      var v = p ? p[field] : null;
      return v === null || v === undefined ? '-' : v;
    });
  }

  function option(chart, variant) {
    var categories = categoriesOf(chart, variant);
    var series = [], k = -1;
    variant.series.forEach(function (s, i) {
      // a projection (dashed) continues the series before it, in its colour
      if (s.style !== 'dashed' || k < 0) { k++; }
      var color = PALETTE[k % PALETTE.length];
      if (chart.kind === 'pyramid') {
        var left = i === 0;
        series.push({ name: s.name, type: 'bar', stack: 'pyramid', itemStyle: { color: color },
          data: valuesOf(s, categories, 'y').map(function (v) { return v === '-' || !left ? v : -v; }),
          tooltip: { valueFormatter: function (v) { return format(Math.abs(v), chart.digits); } } });
        return;
      }
      if (chart.kind === 'bar') {
        series.push({ name: s.name, type: 'bar', itemStyle: { color: color }, data: valuesOf(s, categories, 'y') });
        return;
      }
      if (chart.kind === 'interval') {
        series.push({ name: s.name, type: 'scatter', symbolSize: 10, itemStyle: { color: color },
          data: valuesOf(s, categories, 'y'),
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#999' } } });
        var lows = valuesOf(s, categories, 'lower'), highs = valuesOf(s, categories, 'upper');
        series.push({ name: s.name + ' (95%)', type: 'custom', itemStyle: { color: color },
          data: categories.map(function (c, k) { return [k, lows[k], highs[k]]; }),
          renderItem: function (params, api) {
            if (isNaN(api.value(1)) || isNaN(api.value(2))) { return null; }
            var lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)]);
            return { type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: color, lineWidth: 2 } },
              { type: 'line', shape: { x1: lo[0] - 5, y1: lo[1], x2: lo[0] + 5, y2: lo[1] }, style: { stroke: color, lineWidth: 2 } },
              { type: 'line', shape: { x1: hi[0] - 5, y1: hi[1], x2: hi[0] + 5, y2: hi[1] }, style: { stroke: color, lineWidth: 2 } }] };
          }, tooltip: { show: false } });
        return;
      }
      var dashed = s.style === 'dashed';
      series.push({ name: s.name, type: 'line', data: valuesOf(s, categories, 'y'), connectNulls: dashed,
        showSymbol: chart.kind !== 'spark', symbolSize: 5, itemStyle: { color: color },
        lineStyle: { color: color, width: 2, type: dashed ? 'dashed' : 'solid' } });
      if (s.style === 'band' && hasInterval(s)) {
        // The band: the lower limit, and the width above it stacked on it and filled.
        var lower = valuesOf(s, categories, 'lower'), upper = valuesOf(s, categories, 'upper');
        var width = lower.map(function (v, k) { return v === '-' || upper[k] === '-' ? '-' : upper[k] - v; });
        var stack = 'band-' + i;
        series.push({ name: s.name, type: 'line', data: lower, stack: stack, symbol: 'none', lineStyle: { opacity: 0 },
          tooltip: { show: false }, silent: true });
        series.push({ name: s.name, type: 'line', data: width, stack: stack, symbol: 'none', lineStyle: { opacity: 0 },
          areaStyle: { color: color, opacity: 0.15 }, tooltip: { show: false }, silent: true });
      }
    });
    series.push(gapSeries(chart, variant, categories));
    var spark = chart.kind === 'spark';
    var valueAxis = { type: chart.logY ? 'log' : 'value', name: chart.yTitle, nameLocation: 'middle', nameGap: 48,
      scale: chart.kind === 'line', show: !spark };
    var dense = chart.kind === 'bar' || chart.kind === 'interval';
    var categoryAxis = { type: 'category', data: categories, name: chart.xTitle, nameLocation: 'middle',
      nameGap: dense && categories.length > 6 ? 60 : 32, show: !spark,
      axisLabel: dense ? { interval: 0, rotate: categories.length > 6 ? 30 : 0 } : {} };
    var o = {
      animation: false, color: PALETTE,
      grid: spark ? { left: 4, right: 4, top: 4, bottom: 4 } : { left: 70, right: 20, top: 40, bottom: dense && categories.length > 6 ? 90 : 60 },
      tooltip: { trigger: spark ? 'none' : 'item' },
      legend: spark ? { show: false } : { type: 'scroll', top: 0, data: variant.series.map(function (s) { return s.name; }) },
      series: series
    };
    if (chart.kind === 'pyramid') {
      categoryAxis.name = null;
      o.yAxis = categoryAxis;
      o.xAxis = { type: 'value', name: chart.xTitle, nameLocation: 'middle', nameGap: 30,
        axisLabel: { formatter: function (v) { return Math.abs(v); } } };
    } else {
      o.xAxis = categoryAxis;
      o.yAxis = valueAxis;
    }
    return o;
  }

  /** The table of the variant drawn: a row per x, a column per series (and its limits). */
  function table(chart, variant) {
    var header = [chart.xTitle], rows = [], csv = [];
    var csvHeader = [chart.xTitle];
    variant.series.forEach(function (s) {
      header.push(s.name);
      csvHeader.push(s.name);
      if (hasInterval(s)) {
        header.push(s.name + ', ' + L.lower, s.name + ', ' + L.upper);
        csvHeader.push(s.name + ', ' + L.lower, s.name + ', ' + L.upper);
      }
      csvHeader.push(s.name + ', ' + L.flag);
    });
    xs(variant).forEach(function (x) {
      var cells = [{ text: String(x) }], line = [x];
      variant.series.forEach(function (s) {
        var p = find(s, x);
        var interval = hasInterval(s);
        if (p && p.y === null && p.reason) {
          cells.push({ text: L.gap, gap: p.reason });
          if (interval) { cells.push({ text: L.gap, gap: p.reason }, { text: L.gap, gap: p.reason }); }
          line.push('');
          if (interval) { line.push('', ''); }
          line.push(p.reason);
          return;
        }
        cells.push({ text: p ? format(p.y, chart.digits) : '' });
        line.push(p && p.y !== null ? p.y : '');
        if (interval) {
          cells.push({ text: p ? format(p.lower, chart.digits) : '' }, { text: p ? format(p.upper, chart.digits) : '' });
          line.push(p && p.lower !== null ? p.lower : '', p && p.upper !== null ? p.upper : '');
        }
        line.push('');
      });
      rows.push(cells);
      csv.push(line);
    });
    return { header: header, rows: rows, csv: [csvHeader].concat(csv) };
  }

  function csvText(lines) {
    return lines.map(function (line) {
      return line.map(function (v) {
        var t = String(v);
        return /[",\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
      }).join(',');
    }).join('\n') + '\n';
  }

  function writeTable(element, t) {
    var doc = element.ownerDocument;
    element.textContent = '';
    var head = doc.createElement('thead'), tr = doc.createElement('tr');
    t.header.forEach(function (h) { var th = doc.createElement('th'); th.textContent = h; tr.appendChild(th); });
    head.appendChild(tr);
    element.appendChild(head);
    var body = doc.createElement('tbody');
    t.rows.forEach(function (cells) {
      var row = doc.createElement('tr');
      cells.forEach(function (c, i) {
        var td = doc.createElement(i === 0 ? 'th' : 'td');
        td.textContent = c.text;
        if (c.gap) { td.className = 'gap'; td.title = c.gap; }
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    element.appendChild(body);
  }

  function draw(chart, instance, k) {
    var variant = chart.variants[k];
    instance.setOption(option(chart, variant), true);
    var t = table(chart, variant);
    writeTable(document.getElementById('table-' + chart.id), t);
    var link = document.getElementById('csv-' + chart.id);
    link.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(csvText(t.csv));
  }

  data.charts.forEach(function (chart) {
    var element = document.getElementById('plot-' + chart.id);
    var instance = echarts.init(element, null, { renderer: 'svg' });
    var select = document.querySelector('select[data-for="' + chart.id + '"]');
    if (select) {
      chart.variants.forEach(function (v, k) {
        var o = document.createElement('option');
        o.value = String(k);
        o.textContent = v.label;
        select.appendChild(o);
      });
      select.addEventListener('change', function () { draw(chart, instance, Number(select.value)); });
    }
    draw(chart, instance, 0);
    window.addEventListener('resize', function () { instance.resize(); });
  });
  document.body.setAttribute('data-charts-drawn', String(data.charts.length));
})();
