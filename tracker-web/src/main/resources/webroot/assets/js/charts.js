// Charts with uPlot (served from the jar's WebJar; loaded only when a chart is first drawn):
// one actor's stance on one issue over time as a step chart, and convergence per issue over time.

import {h, fill} from './dom.js';
import {STANCE_LABEL, STANCE_SCORE, fmtDate, fmtConvergence} from './format.js';

let uPlotModule = null;

export function loadUPlot() {
    if (!uPlotModule) {
        uPlotModule = import('../../webjars/uplot/1.6.30/dist/uPlot.esm.js').then(m => m.default);
    }
    return uPlotModule;
}

const SCORE_LABEL = {'-2': 'Rejects', '-1': 'Opposes', 0: 'Open', 1: 'Supports', 2: 'Demands'};
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
/**
 * A dash pattern per convergence line (CSS pixels: dash, gap, …; [] is solid): issues often share a
 * value (two at 0.00), and a line drawn over another then shows the one beneath in its gaps.
 */
const DASHES = [[], [12, 6], [3, 5], [14, 4, 3, 4], [7, 4], [2, 3, 8, 3], [10, 3, 2, 3, 2, 3]];

function dashOf(i) {
    return DASHES[i % DASHES.length];
}

/** The legend's swatch of a line: its colour in its dash pattern, as a CSS background. */
function swatch(colour, dash) {
    if (!dash.length) {
        return `linear-gradient(90deg, ${colour}, ${colour})`;
    }
    const stops = [];
    let at = 0;
    dash.forEach((length, k) => {
        const paint = k % 2 === 0 ? colour : 'transparent';
        stops.push(`${paint} ${at}px ${at + length}px`);
        at += length;
    });
    return `repeating-linear-gradient(90deg, ${stops.join(', ')})`;
}

function seconds(iso) {
    return Date.parse(iso.substring(0, 10) + 'T00:00:00Z') / 1000;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_S = 86400;

/** Tick labels that fit the tick spacing: "26 Nov", "Nov 2024" or "2024" (dates are UTC days). */
function dateLabels(u, splits, axisIdx, space, incr) {
    return splits.map((s, i) => {
        const d = new Date(s * 1000);
        const year = d.getUTCFullYear();
        const month = MONTHS[d.getUTCMonth()];
        if (incr >= 360 * DAY_S) {
            return String(year);
        }
        if (incr >= 28 * DAY_S) {
            return d.getUTCMonth() === 0 || i === 0 ? `${month} ${year}` : month;
        }
        return i === 0 || (d.getUTCDate() <= incr / DAY_S && d.getUTCMonth() === 0)
            ? `${d.getUTCDate()} ${month} ${year}` : `${d.getUTCDate()} ${month}`;
    });
}

function dateAxis() {
    return {
        stroke: '#444c56',
        grid: {stroke: '#e6e8eb', width: 1},
        ticks: {stroke: '#d0d4d9', width: 1},
        font: '12px Arial, "Liberation Sans", sans-serif',
        space: 64,
        values: dateLabels,
    };
}

/** A vertical line at the date on screen. */
function markerPlugin(getDate) {
    return {
        hooks: {
            draw: u => {
                const date = getDate();
                if (!date) {
                    return;
                }
                const x = u.valToPos(seconds(date), 'x', true);
                if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
                    return;
                }
                const ctx = u.ctx;
                ctx.save();
                ctx.strokeStyle = '#c2410c';
                ctx.setLineDash([4, 3]);
                ctx.lineWidth = Math.max(1, devicePixelRatio);
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
                ctx.restore();
            },
        },
    };
}

/**
 * The legend gives the values at the cursor while it is over the chart, else the values at the
 * date on screen (getDate()), with that date; uPlot alone would show dashes then.
 * `pinned` tells the date series' value function which of the two it is showing.
 */
function legendAtDatePlugin(getDate, pinned) {
    const dayIndex = u => {
        const date = getDate();
        if (!date) {
            return null;
        }
        const t = seconds(date);
        const xs = u.data[0];
        let idx = null;
        for (let i = 0; i < xs.length && xs[i] <= t; i++) {
            idx = i; // a step chart: the value of the last sample up to the date
        }
        return idx;
    };
    const pin = u => {
        pinned.on = true;
        u.setLegend({idx: dayIndex(u)}, false);
    };
    const hovering = u => u.cursor.left != null && u.cursor.left >= 0;
    return {
        hooks: {
            setCursor: u => {
                if (!hovering(u)) {
                    pin(u);
                } else if (pinned.on) {
                    pinned.on = false;
                    u.setLegend(null, false); // the values at the cursor (its index is already set)
                }
            },
            draw: u => {
                if (!hovering(u)) {
                    pin(u); // the date on screen may have moved
                }
            },
        },
    };
}

/** Keeps a chart as wide as its container. */
function fitWidth(u, container, height) {
    const observer = new ResizeObserver(() => {
        const width = Math.max(200, Math.floor(container.clientWidth));
        if (Math.abs(width - u.width) > 1) {
            u.setSize({width, height});
        }
    });
    observer.observe(container);
    return () => observer.disconnect();
}

/** A drawn chart: destroy() before drawing another in the same place. */
class Drawn {
    constructor(u, stop) {
        this.u = u;
        this.stop = stop;
    }

    redraw() {
        this.u.redraw(false, false);
    }

    destroy() {
        this.stop();
        this.u.destroy();
    }
}

/** The versions that stand (neither retracted nor corrected), in valid-time order. */
export function standingVersions(versions) {
    return (versions || []).filter(v => !v.retractedBy && !v.correctedBy)
        .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
}

/** In words, for screen readers and for the caption: "Open since 24 May 2024; Rejects since 26 Nov 2024". */
export function stanceStory(versions) {
    const standing = standingVersions(versions);
    if (standing.length === 0) {
        return 'No stated position.';
    }
    return standing.map(v => `${STANCE_LABEL[v.stance] || v.stance} from ${fmtDate(v.occurredOn)}`).join('; ') + '.';
}

/**
 * One actor's stance on one issue over time: a step from each standing version to the next,
 * continued to `endDate`.
 */
export async function drawStanceChart(container, versions, {endDate, marker, height = 220}) {
    const uPlot = await loadUPlot();
    const standing = standingVersions(versions);
    fill(container);
    if (standing.length === 0) {
        container.appendChild(h('p', {class: 'empty-note'}, 'No stated position on this issue.'));
        return null;
    }
    const xs = standing.map(v => seconds(v.occurredOn));
    const ys = standing.map(v => STANCE_SCORE[v.stance] ?? null);
    const end = endDate && seconds(endDate) > xs[xs.length - 1] ? seconds(endDate) : xs[xs.length - 1] + 86400 * 7;
    xs.push(end);
    ys.push(ys[ys.length - 1]);
    const pad = Math.max(14 * DAY_S, (end - xs[0]) * 0.04);
    const width = Math.max(200, container.clientWidth);
    const opts = {
        width,
        height,
        legend: {show: false},
        cursor: {y: false, points: {size: 8}},
        scales: {x: {time: true, range: () => [xs[0] - pad, end]}, y: {range: [-2.4, 2.4]}},
        axes: [dateAxis(), {
            stroke: '#444c56',
            size: 72,
            grid: {stroke: '#e6e8eb', width: 1},
            font: '12px Arial, "Liberation Sans", sans-serif',
            splits: () => [-2, -1, 0, 1, 2],
            values: (u, splits) => splits.map(s => SCORE_LABEL[s] ?? ''),
        }],
        series: [{}, {
            label: 'Stance',
            stroke: '#1d3557',
            width: 2.5,
            paths: uPlot.paths.stepped({align: 1}),
            // a dot where each version starts; none on the point that only carries the line to the end
            points: {show: true, size: 8, fill: '#1d3557', stroke: '#ffffff',
                filter: () => standing.map((v, i) => i)},
            value: (u, v) => (v === null ? '—' : SCORE_LABEL[v]),
        }],
        plugins: [markerPlugin(marker || (() => null))],
    };
    const u = new uPlot(opts, [xs, ys], container);
    return new Drawn(u, fitWidth(u, container, height));
}

/**
 * Convergence per issue over time. samples: [{date, convergence: {issue: number|undefined}}],
 * sorted by date; issues: [{id, title}] to draw (those with a value at some date).
 */
export async function drawConvergenceChart(container, samples, issues, {endDate, marker, height = 260}) {
    const uPlot = await loadUPlot();
    fill(container);
    if (samples.length === 0 || issues.length === 0) {
        container.appendChild(h('p', {class: 'empty-note'},
            'No issue has a convergence yet: it needs a stance from at least two parties.'));
        return null;
    }
    const xs = samples.map(s => seconds(s.date));
    const series = issues.map(issue => samples.map(s => {
        const v = s.convergence[issue.id];
        return typeof v === 'number' ? v : null;
    }));
    if (endDate && seconds(endDate) > xs[xs.length - 1]) {
        xs.push(seconds(endDate));
        series.forEach(ys => ys.push(ys[ys.length - 1]));
    }
    // from a little before the first date with a convergence: earlier there is nothing to draw
    const firstValue = xs.findIndex((x, i) => series.some(ys => ys[i] !== null));
    const from = xs[Math.max(0, firstValue)];
    const to = xs[xs.length - 1];
    const pad = Math.max(14 * DAY_S, (to - from) * 0.05);
    const width = Math.max(200, container.clientWidth);
    // a value with no value beside it draws no line (one sample only, say the last date): a dot instead
    const isolated = series.map(ys => ys.flatMap((y, i) =>
        (y !== null && (i === 0 || ys[i - 1] === null) && (i === ys.length - 1 || ys[i + 1] === null) ? [i] : [])));
    const pinned = {on: false};
    const shownDate = marker || (() => null);
    const opts = {
        width,
        height,
        legend: {
            show: true,
            live: true,
            // each line's swatch in its colour and dash pattern (see DASHES), no border
            markers: {width: 0, fill: (u, i) => swatch(PALETTE[(i - 1) % PALETTE.length], dashOf(i - 1))},
        },
        cursor: {y: false},
        scales: {x: {time: true, range: () => [from - pad, to + pad / 4]}, y: {range: [-0.05, 1.05]}},
        axes: [dateAxis(), {
            stroke: '#444c56',
            size: 44,
            grid: {stroke: '#e6e8eb', width: 1},
            font: '12px Arial, "Liberation Sans", sans-serif',
            splits: () => [0, 0.25, 0.5, 0.75, 1],
            values: (u, splits) => splits.map(s => s.toFixed(2)),
        }],
        series: [{
            label: 'Date',
            value: (u, v) => {
                if (pinned.on) {
                    return shownDate() ? fmtDate(shownDate()) : '—';
                }
                return v === null ? '—' : fmtDate(new Date(v * 1000).toISOString().substring(0, 10));
            },
        }, ...issues.map((issue, i) => ({
            label: issue.title,
            stroke: PALETTE[i % PALETTE.length],
            // earlier lines wider, later ones dashed: where issues share a value, the lines drawn
            // first show around and between the dashes of those drawn over them
            width: Math.max(2, 7 - 1.5 * i),
            dash: dashOf(i).map(x => x * devicePixelRatio),
            paths: uPlot.paths.stepped({align: 1}),
            points: isolated[i].length
                ? {show: true, size: 10, width: 0, fill: PALETTE[i % PALETTE.length], filter: () => isolated[i]}
                : {show: false},
            spanGaps: false,
            value: (u, v) => fmtConvergence(v),
        }))],
        plugins: [markerPlugin(shownDate), legendAtDatePlugin(shownDate, pinned)],
    };
    const u = new uPlot(opts, [xs, ...series], container);
    return new Drawn(u, fitWidth(u, container, height));
}
