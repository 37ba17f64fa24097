// Flagged stories per day per topic (GET /api/v1/stats/daily) as an SVG bar chart. Each topic has its own
// pattern as well as its own colour, so the chart reads in grey or to a colour-blind eye; the same numbers are in a
// table underneath, for screen readers and for copying.

import {dataTable, el, replace, svg} from './dom.js';
import {topicLabel} from './story.js';

const DEFAULT_WIDTH = 720;
const HEIGHT = 220;
const MARGIN = {top: 12, right: 8, bottom: 28, left: 36};

/** Fill of the n-th topic: a colour (AA against white) and a pattern id. */
const STYLES = [
    {colour: '#1f4e8c', pattern: 'solid'},
    {colour: '#9c3d00', pattern: 'stripes'},
    {colour: '#2e6b30', pattern: 'dots'},
    {colour: '#6a2c91', pattern: 'cross'},
];

function patternDefinitions() {
    const defs = svg('defs');
    STYLES.forEach((style, index) => {
        const id = `topic-pattern-${index}`;
        const pattern = svg('pattern', {id, width: 6, height: 6, patternUnits: 'userSpaceOnUse'});
        if (style.pattern === 'solid') {
            pattern.append(svg('rect', {width: 6, height: 6, fill: style.colour}));
        } else if (style.pattern === 'stripes') {
            pattern.append(svg('rect', {width: 6, height: 6, fill: '#ffffff'}),
                svg('path', {d: 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2', stroke: style.colour, 'stroke-width': 2}));
        } else if (style.pattern === 'dots') {
            pattern.append(svg('rect', {width: 6, height: 6, fill: '#ffffff'}),
                svg('circle', {cx: 3, cy: 3, r: 1.8, fill: style.colour}));
        } else {
            pattern.append(svg('rect', {width: 6, height: 6, fill: '#ffffff'}),
                svg('path', {d: 'M0,3 h6 M3,0 v6', stroke: style.colour, 'stroke-width': 1.5}));
        }
        defs.append(pattern);
    });
    return defs;
}

function styleOf(index) {
    return {fill: `url(#topic-pattern-${index % STYLES.length})`, stroke: STYLES[index % STYLES.length].colour};
}

function niceMaximum(value) {
    if (value <= 5) {
        return 5;
    }
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) {
        if (step * magnitude >= value) {
            return step * magnitude;
        }
    }
    return value;
}

/** Renders `stats` (the answer of /stats/daily) into `container` and its table into `tableContainer`. */
export function renderDailyChart(container, tableContainer, stats) {
    const topics = stats.topics || [];
    const days = stats.days || [];
    const total = days.reduce((sum, day) => sum + topics.reduce((s, t) => s + (day.topics?.[t] || 0), 0), 0);
    const caption = `Flagged stories per day and topic, ${stats.since} to ${stats.until} (UTC days of publication)`;
    if (days.length === 0 || topics.length === 0 || total === 0) {
        replace(container, el('p', {class: 'empty'}, `No flagged stories from ${stats.since} to ${stats.until}.`));
        replace(tableContainer);
        return;
    }
    // Drawn at the width it is shown at, so that its labels keep their size on a phone.
    const width = Math.max(300, Math.round(container.clientWidth) || DEFAULT_WIDTH);
    const maximum = niceMaximum(Math.max(...days.flatMap(day => topics.map(t => day.topics?.[t] || 0))));
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    const groupWidth = plotWidth / days.length;
    const barWidth = Math.max(1, (groupWidth * 0.8) / topics.length);
    const y = value => MARGIN.top + plotHeight - (value / maximum) * plotHeight;

    const chart = svg('svg', {viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-label': caption,
        class: 'chart', preserveAspectRatio: 'xMidYMid meet'}, patternDefinitions());
    for (const tick of [0, maximum / 2, maximum]) {
        chart.append(svg('line', {x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick),
                class: 'gridline'}),
            svg('text', {x: MARGIN.left - 4, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis-label'},
                String(Math.round(tick * 10) / 10)));
    }
    const labelEvery = Math.ceil(days.length / Math.max(3, Math.floor(width / 90)));
    days.forEach((day, dayIndex) => {
        const x0 = MARGIN.left + dayIndex * groupWidth + groupWidth * 0.1;
        topics.forEach((topic, topicIndex) => {
            const count = day.topics?.[topic] || 0;
            if (count > 0) {
                chart.append(svg('rect', {x: x0 + topicIndex * barWidth, y: y(count), width: barWidth,
                    height: y(0) - y(count), ...styleOf(topicIndex), 'stroke-width': 1},
                svg('title', {}, `${day.day}: ${count} ${topicLabel(topic)}`)));
            }
        });
        if (dayIndex % labelEvery === 0) {
            chart.append(svg('text', {x: x0 + (groupWidth * 0.8) / 2, y: HEIGHT - 8, 'text-anchor': 'middle',
                class: 'axis-label'}, day.day.slice(5)));
        }
    });
    // The swatches use the chart's own patterns (ids are document-wide).
    const legend = el('ul', {class: 'legend', 'aria-label': 'Legend'}, topics.map((topic, index) => el('li', {},
        svg('svg', {viewBox: '0 0 14 14', width: 14, height: 14, 'aria-hidden': 'true'},
            svg('rect', {x: 0.5, y: 0.5, width: 13, height: 13, ...styleOf(index)})),
        ' ', topicLabel(topic))));
    replace(container, chart, legend);

    replace(tableContainer, dataTable({label: 'Daily counts table', caption,
        headers: ['Day', ...topics.map(topicLabel), 'All stories published'],
        rows: days.map(day => el('tr', {}, el('th', {scope: 'row'}, day.day),
            topics.map(topic => el('td', {}, String(day.topics?.[topic] || 0))),
            el('td', {}, String(day.articles ?? ''))))}));
}
