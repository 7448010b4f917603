// The timeline: one bar per item from its start to its end, items placed in lanes so that bars never overlap;
// with the Map's cap of 3 in flight, three lanes fill at once. Drawn as SVG, with a text alternative.
const SVG = 'http://www.w3.org/2000/svg';
const BAR = 22;
const GAP = 6;
const LEFT = 8;
/** The drawing's width when its box has none yet (hidden); otherwise the box's, so text keeps its size. */
const DEFAULT_WIDTH = 960;
const MIN_WIDTH = 280;

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
  if (text != null) node.textContent = text;
  return node;
}

/**
 * Draws the record's ended items that know their start, and the items calling now as bars that grow up to
 * now; says so when there are none yet.
 */
export function renderTimeline(container, record, ended, calling = []) {
  const now = Date.now();
  const items = (record.items || []).filter(item => item.startedAt)
    .map(item => ({ ...item, start: Date.parse(item.startedAt), state: item.cached ? 'cached' : item.status.toLowerCase() }))
    .concat(calling.filter(state => state.startedAt).map(state => {
      const start = Date.parse(state.startedAt);
      return { id: state.id, start, durationMs: Math.max(0, now - start), state: 'calling' };
    }))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  if (!items.length) {
    container.replaceChildren(document.createTextNode(ended ? 'No timing recorded for these items.' : 'Bars appear as items start calling their provider.'));
    return;
  }
  const origin = Math.min(...items.map(item => item.start));
  const end = Math.max(...items.map(item => item.start + item.durationMs));
  const span = Math.max(1, end - origin);
  const laneEnds = [];
  for (const item of items) {
    let lane = laneEnds.findIndex(laneEnd => laneEnd <= item.start);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(0);
    }
    laneEnds[lane] = item.start + item.durationMs;
    item.lane = lane;
  }
  const height = laneEnds.length * (BAR + GAP) + 24;
  const boxWidth = Math.round(container.getBoundingClientRect().width);
  const chartWidth = boxWidth ? Math.max(MIN_WIDTH, boxWidth - 2) : DEFAULT_WIDTH;
  const scale = (chartWidth - LEFT * 2) / span;
  const chart = svg('svg', { viewBox: `0 0 ${chartWidth} ${height}`, role: 'img', class: 'timeline',
    'aria-label': `${items.length} item(s) in ${laneEnds.length} lane(s) over ${span} ms` });
  chart.append(svg('title', {}, `Timeline of ${record.jobId}`));
  for (const item of items) {
    const x = LEFT + (item.start - origin) * scale;
    const width = Math.max(2, item.durationMs * scale);
    const y = item.lane * (BAR + GAP);
    const state = item.state;
    const group = svg('g', { class: `bar bar-${state}`, 'data-item': item.id });
    group.append(svg('title', {}, `${item.id}: ${item.durationMs} ms${state === 'calling' ? ' so far' : ''} from +${item.start - origin} ms (${state})`));
    group.append(svg('rect', { x, y, width, height: BAR, rx: 3 }));
    // A label wider than its bar would run into the next one: the bar's tooltip names it instead.
    if (width >= item.id.length * 7 + 8) {
      group.append(svg('text', { x: x + 4, y: y + BAR / 2 + 4 }, item.id));
    }
    chart.append(group);
  }
  const axisY = laneEnds.length * (BAR + GAP) + 14;
  const ticks = chartWidth < 600 ? 2 : 4;
  for (let tick = 0; tick <= ticks; tick += 1) {
    const ms = Math.round(span * tick / ticks);
    const x = LEFT + ms * scale;
    chart.append(svg('line', { x1: x, x2: x, y1: 0, y2: axisY - 10, class: 'tick' }));
    chart.append(svg('text', { x: Math.min(x, chartWidth - 50), y: axisY, class: 'axis' }, `${ms} ms`));
  }
  container.replaceChildren(chart);
}
