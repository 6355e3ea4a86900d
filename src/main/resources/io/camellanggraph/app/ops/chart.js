// Outcomes per minute as stacked bars, drawn as SVG by the page itself (no library, works offline). Colours come
// from app.css classes (s-<series>), so the content security policy needs no inline styles.
'use strict';

const OutcomeChart = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const HEIGHT = 180, LEFT = 36, BOTTOM = 20, TOP = 8;
  // run statuses are stacked in this order; unknown ones after them; dead letters are marked, not stacked (they
  // are outcomes counted in their status already)
  const ORDER = ['success', 'interrupted', 'timeout', 'error', 'unconfirmed'];

  function node(tag, attributes, text) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attributes)) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function hhmm(ms) {
    return new Date(ms).toISOString().substring(11, 16);
  }

  function cssClass(name) {
    return 's-' + name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  }

  function draw(svg, legend, chart) {
    svg.replaceChildren();
    legend.replaceChildren();
    // drawn at the size shown: text keeps its size whatever the window's width
    const WIDTH = Math.max(300, svg.clientWidth || 900);
    svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + HEIGHT);
    const minutes = chart.minutes, series = chart.series || {};
    const stacked = Object.keys(series).filter(s => s !== 'dead letter')
      .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
    const totals = Array.from({ length: minutes }, (_, i) => stacked.reduce((sum, s) => sum + series[s][i], 0));
    const max = Math.max(1, ...totals);
    const plotHeight = HEIGHT - BOTTOM - TOP, slot = (WIDTH - LEFT) / minutes;
    const y = v => TOP + plotHeight - v * plotHeight / max;

    for (const tick of [0, Math.ceil(max / 2), max]) {
      svg.appendChild(node('line', { x1: LEFT, x2: WIDTH, y1: y(tick), y2: y(tick), class: 'grid' }));
      svg.appendChild(node('text', { x: LEFT - 4, y: y(tick) + 4, class: 'axis', 'text-anchor': 'end' }, tick));
    }
    for (let i = 0; i < minutes; i += 10) {
      svg.appendChild(node('text', { x: LEFT + i * slot, y: HEIGHT - 4, class: 'axis' }, hhmm(chart.start + i * chart.minuteMillis)));
    }
    for (let i = 0; i < minutes; i++) {
      let base = 0;
      for (const s of stacked) {
        const count = series[s][i];
        if (count === 0) continue;
        const bar = node('rect', {
          x: LEFT + i * slot + 1, width: Math.max(1, slot - 2), y: y(base + count), height: y(base) - y(base + count),
          class: 'bar ' + cssClass(s), 'data-series': s, 'data-count': count
        });
        bar.appendChild(node('title', {}, hhmm(chart.start + i * chart.minuteMillis) + ' ' + s + ': ' + count));
        svg.appendChild(bar);
        base += count;
      }
      const dead = series['dead letter'] ? series['dead letter'][i] : 0;
      if (dead > 0) {
        const mark = node('circle', { cx: LEFT + (i + 0.5) * slot, cy: y(totals[i]) - 5, r: 4, class: 'dead-mark',
          'data-series': 'dead letter', 'data-count': dead });
        mark.appendChild(node('title', {}, hhmm(chart.start + i * chart.minuteMillis) + ' dead letters: ' + dead));
        svg.appendChild(mark);
      }
    }
    const sum = totals.reduce((a, b) => a + b, 0);
    svg.dataset.total = String(sum);
    if (sum === 0) {
      svg.appendChild(node('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'axis', 'text-anchor': 'middle' }, 'no outcome in the last hour'));
    }
    for (const s of stacked.concat(series['dead letter'] ? ['dead letter'] : [])) {
      const total = series[s].reduce((a, b) => a + b, 0);
      const item = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.className = s === 'dead letter' ? 'swatch dead-mark' : 'swatch ' + cssClass(s);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s + ' ' + total));
      legend.appendChild(item);
    }
  }

  return { draw };
})();
