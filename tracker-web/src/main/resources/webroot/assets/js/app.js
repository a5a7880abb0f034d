// The dashboard: reads its view from the URL (?process=&asOf=&knownAt=, so every view is a link),
// follows that view over the live websocket, and draws the state, the timeline and the charts.
// Each change the reader makes is a step of the browser's history, so Back and Forward go through
// the views seen (see pushUrl); the page follows them without a reload (see applyUrl).

import {h, fill, byId} from './dom.js';
import {api, wholeTimeline, ApiError} from './api.js';
import {LiveClient} from './live.js';
import {
    TYPE_GROUPS, TYPE_LABEL, fmtDate, fmtInstant, dayNumber, isoOfDay, addDays, isIsoDate, isKnownAt, nameOf,
} from './format.js';
import {
    renderMatrix, renderProposals, renderEnvoys, renderTalks, renderCommitments, renderTerritory, matrixActors,
} from './panels.js';
import {Names, renderTimeline, visibleDevelopments, renderDiff, knownAtMillis} from './timeline.js';
import {openHistory, closeHistory, historyOpenFor, retitleHistory} from './history.js';
import {drawStanceChart, drawConvergenceChart, stanceStory} from './charts.js';

const VIEW_THROTTLE_MS = 100;      // at most ten subscriptions a second while scrubbing or playing
const REST_FALLBACK_MS = 1500;     // no snapshot by then: draw from the REST API meanwhile
const TIMELINE_PAGE = 25;
const MAX_SAMPLES = 60;            // dates sampled for the convergence chart
const SETTLE_MS = 1000;            // slider keys or date-field edits closer together than this make one step of history

const app = {
    processes: [],
    process: null,
    parties: [],
    span: {first: null, last: null},
    asOf: 'live',
    knownAt: null,
    state: null,
    stateKey: null,           // the view the state on screen belongs to
    all: [],                  // the whole timeline of the process, valid-time order
    names: new Names(),
    groups: new Set(TYPE_GROUPS.filter(g => g.key !== 'setup').map(g => g.key)),
    timelineLimit: TIMELINE_PAGE,
    historyKey: null,         // "actor/issue" of the open history
    diff: {from: null, to: null},
    chartPick: {actor: null, issue: null},
    flashed: new Set(),       // state entries changed by the last live update
    arrived: new Set(),       // developments received live, marked in the timeline once it reloads
    updates: 0,
    playing: false,
    notices: [],              // what the page did with an address it could not follow as written
    spanEndShown: null,       // the end of the span the controls were last set up for
};

const live = new LiveClient({
    onState: (state, info) => receiveState(state, info),
    onStatus: (status, detail) => showConnection(status, detail),
    onError: reason => {
        if (!unknownProcess(live.view && live.view.process)) {
            showBanner(`Live view: ${reason}`);
        } // else the address named a process that does not exist: the notice says so, and what is shown
    },
    onWatch: info => receiveWatch(info),
});

// ---- URL ------------------------------------------------------------------------------------

function readUrl() {
    const q = new URLSearchParams(location.search);
    app.process = q.get('process') || null;
    const asOf = q.get('asOf');
    app.asOf = isIsoDate(asOf) ? asOf : 'live';
    if (asOf && asOf !== 'live' && !isIsoDate(asOf)) {
        notice(`The address asks for asOf=${quoted(asOf)}, which is not a calendar date (YYYY-MM-DD); `
            + 'showing the live view instead.');
    }
    const knownAt = q.get('knownAt');
    app.knownAt = isKnownAt(knownAt) ? knownAt : null;
    if (knownAt && !app.knownAt) {
        notice(`The address asks for knownAt=${quoted(knownAt)}, which is neither a calendar date (YYYY-MM-DD) `
            + 'nor an ISO instant (like 2024-11-20T12:00:00Z); showing everything recorded instead.');
    }
    const history = q.get('history');
    app.historyKey = history && /^[A-Za-z0-9._:-]+\/[A-Za-z0-9._:-]+$/.test(history) ? history : null;
    for (const name of ['from', 'to']) {
        const value = q.get(name);
        app.diff[name] = isIsoDate(value) ? value : null;
        if (value && !app.diff[name]) {
            notice(`The address asks to compare ${name}=${quoted(value)}, which is not a calendar date (YYYY-MM-DD); `
                + 'comparing the default dates instead.');
        }
    }
}

/** A value from the address, shortened, for a notice (shown as text, never as markup). */
function quoted(value) {
    const clean = value.replace(/\p{C}/gu, '?');
    return `“${clean.length <= 40 ? clean : `${clean.substring(0, 37)}…`}”`;
}

/** An information banner; notices add up (a bad date and an unknown process both show). */
function notice(text) {
    app.notices.push(text);
    showBanner(app.notices.join(' '), 'info');
}

let urlTimer = null;
let lastUrlAt = -Infinity;
let pendingSearch = null;  // the address a throttled write is to put on the current entry

/** The address of the view on screen (the token, if any, kept). */
function searchOfView() {
    const old = new URLSearchParams(location.search);
    const q = new URLSearchParams();
    if (app.process) {
        q.set('process', app.process);
    }
    q.set('asOf', app.asOf);
    if (app.knownAt) {
        q.set('knownAt', app.knownAt);
    }
    if (app.historyKey) {
        q.set('history', app.historyKey);
    }
    if (app.diff.from && app.diff.to) {
        q.set('from', app.diff.from);
        q.set('to', app.diff.to);
    }
    if (old.get('token')) {
        q.set('token', old.get('token'));
    }
    return '?' + q.toString();
}

/**
 * Puts the view in the address bar, so that it is a link to share, over the current entry of the
 * browser's history (no step for Back). Throttled while the date plays or is scrubbed: browsers
 * refuse (and complain about) hundreds of history updates a second.
 */
function replaceUrl({throttled = false} = {}) {
    pendingSearch = searchOfView();
    if (!throttled) {
        flushUrl();
        return;
    }
    if (urlTimer) {
        return;
    }
    const wait = Math.max(0, 200 - (performance.now() - lastUrlAt));
    urlTimer = setTimeout(() => {
        urlTimer = null;
        lastUrlAt = performance.now();
        flushUrl();
    }, wait);
}

/** Writes a throttled address now, on the entry it belongs to. */
function flushUrl() {
    clearTimeout(urlTimer);
    urlTimer = null;
    if (pendingSearch !== null && pendingSearch !== location.search) {
        history.replaceState(history.state, '', pendingSearch + location.hash);
    }
    pendingSearch = null;
}

/** Forgets a throttled address: the entry it was meant for is no longer the current one. */
function dropPendingUrl() {
    clearTimeout(urlTimer);
    urlTimer = null;
    pendingSearch = null;
}

/**
 * A new step in the browser's history, for a change the reader made: Back returns to the view
 * before it. The entry left first gets the address it stood for (a throttled write may be pending).
 * No step when the address stays the same. `state` marks the entry (a history opened by it).
 */
function pushUrl(state = null) {
    flushUrl();
    endRun();
    const search = searchOfView();
    if (search === location.search) {
        return false;
    }
    history.pushState(state, '', search + location.hash);
    // the reader has moved on from the address the notices were about
    if (app.notices.length) {
        app.notices = [];
        hideBanner('info');
    }
    return true;
}

/**
 * A run: changes from one control that make one step together. The first change of a run pushes
 * an entry, the others replace it (throttled). A run of the slider ends when the pointer lets go
 * of it, when it loses focus, or SETTLE_MS after its last move (never while the pointer holds it);
 * a run of a date field ends when it loses focus or SETTLE_MS after its last edit (typing a date
 * changes it several times); a play is one run, from Play to its stop. Any other step ends a run.
 */
const run = {source: null, timer: null, held: false};

/** A change of the view from `source` ('slider', 'date', 'known', 'play'; null for one on its own). */
function step(source = null) {
    if (source && run.source === source) {
        replaceUrl({throttled: true});
    } else if (pushUrl() && source) {
        run.source = source;
    }
    if (source && run.source === source) {
        clearTimeout(run.timer);
        if (source !== 'play') {
            run.timer = setTimeout(() => {
                if (!(source === 'slider' && run.held)) {
                    endRun(source);
                }
            }, SETTLE_MS);
        }
    }
}

/** Ends the run (of `source` only, when given): the next change is a step of its own. */
function endRun(source) {
    if (!source || run.source === source) {
        clearTimeout(run.timer);
        run.source = null;
    }
}

// ---- the view -------------------------------------------------------------------------------

/** The date on screen: the chosen one, or the end of the span when live. */
function shownDate() {
    return app.asOf === 'live' ? app.span.last : app.asOf;
}

function viewKey() {
    return `${app.process}|${app.asOf}|${app.knownAt || ''}`;
}

let viewTimer = null;
let lastViewAt = -Infinity;
let fallbackTimer = null;

/** Subscribes to the view on screen, at most every VIEW_THROTTLE_MS (the last request always goes out). */
function requestView() {
    if (!app.process || viewTimer) {
        return;
    }
    const wait = Math.max(0, VIEW_THROTTLE_MS - (performance.now() - lastViewAt));
    viewTimer = setTimeout(() => {
        viewTimer = null;
        lastViewAt = performance.now();
        setBusy(app.stateKey !== viewKey());
        live.setView({process: app.process, asOf: app.asOf, knownAt: app.knownAt});
        watchSpan();
        clearTimeout(fallbackTimer);
        if (app.stateKey !== viewKey()) {
            fallbackTimer = setTimeout(restFallback, REST_FALLBACK_MS);
        }
    }, wait);
}

/**
 * Without the websocket (a proxy that refuses it, a drop), the page still shows the view; on load it
 * also races the websocket, so that the first view never waits for the connection.
 */
async function restFallback() {
    const key = viewKey();
    if (app.stateKey === key) {
        return;
    }
    try {
        const state = await api.state(app.process, app.asOf, app.knownAt);
        if (viewKey() === key && app.stateKey !== key) {
            app.state = state;
            app.stateKey = key;
            scheduleRender();
        }
    } catch (e) {
        if (viewKey() === key && !unknownProcess(app.process)) {
            reportError(e);
        }
    }
}

/** A process that the list of processes, once loaded, does not have (one named in the address). */
function unknownProcess(process) {
    return Boolean(process) && app.processes.length > 0 && !app.processes.some(p => p.process === process);
}

/**
 * A past view (or one as known on a past day) hears nothing of developments dated or recorded after
 * it: the live client watches the process's live view meanwhile, so that the span (the slider, the
 * date fields) and the record stay current without a reload. The live view itself needs no watch.
 */
function watchSpan() {
    live.setWatch(app.process && (app.asOf !== 'live' || app.knownAt) ? app.process : null);
}

function receiveWatch(info) {
    if (info.kind === 'snapshot') {
        refreshSpan(); // (re)subscribed: what was recorded before may have moved the span
        return;
    }
    const d = info.development;
    if (d && (!d.process || d.process === app.process)) {
        extendSpan(d);
        refreshTimelineSoon();
    }
}

/** The span of the process shown, read again (GET /api/processes); it only ever grows here. */
async function refreshSpan() {
    const process = app.process;
    let summary;
    try {
        summary = ((await api.processes()).processes || []).find(p => p.process === process);
    } catch (e) {
        return; // the live view goes on; the span is extended by the next development seen
    }
    if (summary && process === app.process) {
        extendSpan({occurredOn: summary.firstDate});
        extendSpan({occurredOn: summary.lastDate});
    }
}

function receiveState(state, info) {
    const held = live.heldView;
    app.state = state;
    app.stateKey = held ? `${held.process}|${held.asOf}|${held.knownAt || ''}` : null;
    clearTimeout(fallbackTimer);
    if (info.kind === 'update') {
        app.updates++;
        markChanges(info.patch, info.development);
        extendSpan(info.development);
        announce(info.development);
        refreshTimelineSoon();
        refreshChartsSoon(info.development);
        if (app.historyKey && touchesHistory(info.development)) {
            reopenHistory();
        }
    }
    scheduleRender();
}

function markChanges(patch, development) {
    for (const op of patch || []) {
        const m = /^\/positions\/([^/]+)(?:\/([^/]+))?/.exec(op.path);
        if (m && m[2]) {
            app.flashed.add(`${unescapePointer(m[1])}/${unescapePointer(m[2])}`);
        } else if (m && op.value && typeof op.value === 'object') {
            for (const issue of Object.keys(op.value)) {
                app.flashed.add(`${unescapePointer(m[1])}/${issue}`);
            }
        }
    }
    if (development && development.id) {
        app.arrived.add(development.id);
    }
}

function unescapePointer(token) {
    return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function extendSpan(d) {
    if (!d) {
        return;
    }
    const dates = [d.occurredOn, d.replacement && d.replacement.occurredOn].filter(isIsoDate);
    let changed = false;
    for (const date of dates) {
        if (!app.span.first || date < app.span.first) {
            app.span.first = date;
            changed = true;
        }
        if (!app.span.last || date > app.span.last) {
            app.span.last = date;
            changed = true;
        }
    }
    if (changed) {
        setupSlider();
    }
}

function touchesHistory(d) {
    if (!d || !app.historyKey) {
        return false;
    }
    const [actor, issue] = app.historyKey.split('/');
    const subject = d.type === 'DevelopmentCorrected' ? d.replacement || {} : d;
    return (subject.actor === actor && subject.issue === issue) || d.type === 'DevelopmentRetracted'
        || d.type === 'DevelopmentCorrected';
}

function announce(d) {
    if (!d) {
        return;
    }
    const when = new Date().toISOString().substring(11, 19);
    fill(byId('announcer'), `New development: ${TYPE_LABEL[d.type] || d.type}, ${fmtDate(d.occurredOn)}`);
    fill(byId('footer-offset'), `Last update ${when} UTC · offset ${live.lastOffset} · `
        + `${app.updates} update${app.updates === 1 ? '' : 's'} received live`);
}

// ---- rendering ------------------------------------------------------------------------------

let renderQueued = false;

function scheduleRender() {
    if (!renderQueued) {
        renderQueued = true;
        requestAnimationFrame(() => {
            renderQueued = false;
            render();
        });
    }
}

function setBusy(busy) {
    byId('main').setAttribute('aria-busy', busy ? 'true' : 'false');
}

/** Keeps keyboard focus on the same cell across a re-render. */
function withFocusKept(fn) {
    const active = document.activeElement;
    const key = active && active.dataset ? active.dataset.focusKey : null;
    fn();
    if (key) {
        const again = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
        if (again && again !== document.activeElement) {
            again.focus({preventScroll: true});
        }
    }
}

function render() {
    const state = app.state;
    setBusy(app.stateKey !== viewKey());
    renderTimeControls();
    if (!state) {
        return;
    }
    retitleHistory(lookupNames());
    // the same picture again (the REST answer, then the same snapshot; a play step that changes
    // nothing): leave the panels as they are, so that nothing flickers and focus stays where it was
    const picture = JSON.stringify([app.parties, app.names.areas, state.actors, state.issues, state.envoys,
        state.positions, state.proposals, state.territory, state.commitments, state.talks]);
    if (picture !== app.renderedPicture) {
        app.renderedPicture = picture;
        const names = lookupNames();
        withFocusKept(() => {
            const rows = renderMatrix(byId('matrix'), state, {
                parties: app.parties, flashed: app.flashed, onOpen: (actor, issue) => showHistory(actor, issue, {push: true}),
            });
            byId('matrix-empty').hidden = rows > 0;
            byId('matrix').hidden = rows === 0;
            count('positions-count', rows, 'actor');
        });
        count('proposals-count', renderProposals(byId('proposals'), state));
        count('envoys-count', renderEnvoys(byId('envoys'), state));
        count('talks-count', renderTalks(byId('talks'), state));
        count('commitments-count', renderCommitments(byId('commitments'), state));
        count('territory-count', renderTerritory(byId('territory'), state, names.areas));
        focusableWhenScrolling(byId('territory').querySelector('.table-scroll'));
    }
    renderTimelinePanel();
    renderChartPickers(state);
    app.flashed.clear();
    app.renderedState = state;
    if (app.firstRenderMs === undefined) {
        app.firstRenderMs = performance.now(); // since navigation started
    }
    if (!app.updates) {
        fill(byId('footer-offset'), `State at offset ${state.offset} · known at ${fmtInstant(state.knownAt)}`);
    }
}

/**
 * A box that scrolls sideways (the territory table on a narrow screen) takes keyboard focus, so that
 * it can be scrolled with the arrow keys; one that fits is no tab stop.
 */
const scrollBoxes = new ResizeObserver(entries => entries.forEach(e => focusableIfScrolling(e.target)));
let scrollBox = null;

function focusableWhenScrolling(box) {
    if (scrollBox && scrollBox !== box) {
        scrollBoxes.unobserve(scrollBox);
    }
    scrollBox = box;
    if (box) {
        scrollBoxes.observe(box);
        focusableIfScrolling(box);
    }
}

function focusableIfScrolling(box) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    const label = box.getAttribute('aria-label').replace(/, scrolls sideways$/, '');
    if (scrolls && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('aria-label', `${label}, scrolls sideways`);
    } else if (!scrolls && box.hasAttribute('tabindex')) {
        box.removeAttribute('tabindex');
        box.setAttribute('aria-label', label);
    }
}

function count(id, n, noun) {
    fill(byId(id), n ? `${n}${noun ? ` ${noun}${n === 1 ? '' : 's'}` : ''}` : '');
}

/** Names from the whole record, overridden by the state's own (a renamed actor shows its new name). */
function lookupNames() {
    const names = app.names;
    const state = app.state;
    if (state) {
        for (const [id, a] of Object.entries(state.actors || {})) {
            names.actors[id] = a.name;
        }
        for (const [id, i] of Object.entries(state.issues || {})) {
            names.issues[id] = i.title;
        }
        for (const [id, p] of Object.entries(state.proposals || {})) {
            names.proposals[id] = p.title;
        }
    }
    return names;
}

/** The time controls as the view is; `force` also sets the date fields that have focus (Back, Forward). */
function renderTimeControls({force = false} = {}) {
    const date = shownDate();
    const slider = byId('date-slider');
    if (app.span.first && date) {
        const value = dayNumber(date) - dayNumber(app.span.first);
        if (Number(slider.value) !== value) {
            slider.value = String(value);
        }
        slider.setAttribute('aria-valuetext', app.asOf === 'live' ? `${fmtDate(date)}, live` : fmtDate(date));
    }
    fill(byId('asof-output'), date ? fmtDate(date) : '—');
    byId('live-badge').hidden = app.asOf !== 'live';
    const dateInput = byId('date-input');
    if (date && dateInput.value !== date && (force || document.activeElement !== dateInput)) {
        dateInput.value = date;
    }
    const liveButton = byId('live-button');
    liveButton.setAttribute('aria-pressed', app.asOf === 'live' ? 'true' : 'false');
    const known = byId('known-input');
    const knownDate = app.knownAt ? app.knownAt.substring(0, 10) : '';
    if (known.value !== knownDate && (force || document.activeElement !== known)) {
        known.value = knownDate;
    }
    byId('known-latest').disabled = !app.knownAt;
    const note = byId('known-note');
    note.hidden = !app.knownAt;
    fill(note, app.knownAt ? `as known on ${/^\d{4}-\d{2}-\d{2}$/.test(app.knownAt)
        ? fmtDate(app.knownAt) : fmtInstant(app.knownAt)}` : '');
    const play = byId('play-button');
    play.setAttribute('aria-pressed', app.playing ? 'true' : 'false');
    fill(play, app.playing ? '❚❚ Pause' : '▶ Play');
    document.title = `${app.state && app.processTitle ? app.processTitle : 'Diplomacy Tracker'} — `
        + `${app.asOf === 'live' ? 'live' : `as of ${fmtDate(app.asOf)}`}`;
}

function setupSlider() {
    const slider = byId('date-slider');
    const {first, last} = app.span;
    if (!first || !last) {
        return;
    }
    slider.min = '0';
    slider.max = String(dayNumber(last) - dayNumber(first));
    fill(byId('span-start'), fmtDate(first));
    fill(byId('span-end'), fmtDate(last));
    for (const id of ['date-input', 'play-until', 'diff-from', 'diff-to']) {
        byId(id).min = first;
        byId(id).max = last;
    }
    // "Play until" follows the end of the span unless the reader chose another day
    const until = byId('play-until');
    if (!until.value || until.value > last || until.value === app.spanEndShown) {
        until.value = last;
    }
    app.spanEndShown = last;
    renderTimeControls();
}

// ---- time controls --------------------------------------------------------------------------

/** Shows another date ('live' or an ISO date); `source` as for step(). */
function setAsOf(value, {source = null} = {}) {
    if (source !== 'play' && app.playing) {
        stopPlay();
    }
    if (value !== 'live' && app.span.first) {
        if (value < app.span.first) {
            value = app.span.first;
        }
    }
    if (value === app.asOf) {
        return;
    }
    app.asOf = value;
    step(source);
    renderTimeControls();
    renderTimelinePanel();
    redrawChartMarkers();
    requestView();
}

function setKnownAt(value, {source = null} = {}) {
    if ((value || null) === app.knownAt) {
        return;
    }
    app.knownAt = value || null;
    step(source);
    renderTimeControls();
    requestView();
    renderTimelinePanel();
    refreshChartsSoon(null, true);
    if (app.historyKey) {
        reopenHistory();
    }
}

/**
 * Keeps --timebar-height at the height of the time bar while it sticks to the top (0 where it
 * scrolls away with the page), for the page's scroll-padding-top: a cell reached with Shift+Tab
 * never hides under the bar.
 */
function trackTimebarHeight() {
    const bar = document.querySelector('.timebar');
    const measure = () => {
        const sticky = getComputedStyle(bar).position === 'sticky';
        document.documentElement.style.setProperty('--timebar-height', `${sticky ? Math.ceil(bar.offsetHeight) : 0}px`);
    };
    new ResizeObserver(measure).observe(bar);
    window.matchMedia('(max-width: 760px)').addEventListener('change', measure);
    measure();
}

function wireTimeControls() {
    const slider = byId('date-slider');
    slider.addEventListener('input', () => {
        if (!app.span.first) {
            return;
        }
        setAsOf(isoOfDay(dayNumber(app.span.first) + Number(slider.value)), {source: 'slider'});
    });
    // one grab of the slider, from pointer down to pointer up, is one step of history
    slider.addEventListener('pointerdown', () => {
        endRun();
        run.held = true;
    });
    for (const type of ['pointerup', 'pointercancel']) {
        window.addEventListener(type, () => {
            if (run.held) {
                run.held = false;
                endRun('slider');
            }
        });
    }
    slider.addEventListener('blur', () => endRun('slider'));
    const dateInput = byId('date-input');
    dateInput.addEventListener('change', () => {
        if (isIsoDate(dateInput.value)) {
            setAsOf(dateInput.value, {source: 'date'});
        }
    });
    dateInput.addEventListener('blur', () => endRun('date'));
    byId('live-button').addEventListener('click', () => {
        if (app.asOf === 'live') {
            setAsOf(app.span.last || 'live');
        } else {
            setAsOf('live');
        }
    });
    byId('play-button').addEventListener('click', () => (app.playing ? stopPlay() : startPlay()));
    byId('play-speed').addEventListener('change', () => {
        if (app.playing) {
            clearTimeout(playTimer);
            playClock = performance.now();
            playTimer = setTimeout(playStep, Number(byId('play-speed').value));
        }
    });
    const known = byId('known-input');
    known.addEventListener('change', () => {
        if (known.value === '' || isIsoDate(known.value)) {
            setKnownAt(known.value || null, {source: 'known'});
        }
    });
    known.addEventListener('blur', () => endRun('known'));
    byId('known-latest').addEventListener('click', () => setKnownAt(null));
    // the play options stay open where there is room for them
    const wide = window.matchMedia('(min-width: 761px)');
    const unfold = () => {
        if (wide.matches) {
            byId('play-options').open = true;
        }
    };
    wide.addEventListener('change', unfold);
    unfold();
}

let playTimer = null;
let playClock = 0;

function playUntil() {
    return isIsoDate(byId('play-until').value) ? byId('play-until').value : app.span.last;
}

function startPlay() {
    if (!app.span.first) {
        return;
    }
    app.playing = true;
    if (shownDate() >= playUntil()) {
        setAsOf(app.span.first, {source: 'play'});
    } else if (app.asOf === 'live') {
        setAsOf(shownDate(), {source: 'play'});
    }
    renderTimeControls();
    playClock = performance.now();
    playTimer = setTimeout(playStep, Number(byId('play-speed').value));
}

/**
 * One day per tick; when the page cannot keep up with a fast speed, the days that were due are
 * taken together, so the speed chosen is the speed seen.
 */
function playStep() {
    if (!app.playing) {
        return;
    }
    const interval = Number(byId('play-speed').value);
    const now = performance.now();
    const days = Math.max(1, Math.floor((now - playClock) / interval));
    playClock += days * interval;
    const until = playUntil();
    let next = addDays(shownDate(), days);
    if (next > until) {
        next = until;
    }
    if (next > shownDate()) {
        setAsOf(next, {source: 'play'});
    }
    if (next >= until) {
        stopPlay();
        return;
    }
    playTimer = setTimeout(playStep, Math.max(0, playClock + interval - performance.now()));
}

function stopPlay() {
    app.playing = false;
    clearTimeout(playTimer);
    endRun('play');
    renderTimeControls();
}

// ---- timeline -------------------------------------------------------------------------------

let timelineLoad = null;
let timelineTimer = null;

async function loadTimeline() {
    const process = app.process;
    if (timelineLoad) {
        timelineLoad.abort();
    }
    const controller = new AbortController();
    timelineLoad = controller;
    try {
        const all = await wholeTimeline(process, controller.signal);
        if (process !== app.process) {
            return;
        }
        app.all = all;
        app.names = Names.of(all);
        app.timelineLoaded = true;
        renderTimelinePanel();
        redrawDiff();
        app.arrived.clear();
        scheduleRender(); // the areas' names come from the record
        refreshChartsSoon(null, true);
    } catch (e) {
        if (e.name !== 'AbortError') {
            reportError(e);
        }
    }
}

function refreshTimelineSoon() {
    clearTimeout(timelineTimer);
    timelineTimer = setTimeout(loadTimeline, 250);
}

function renderFilters() {
    const box = byId('type-filters');
    fill(box, TYPE_GROUPS.map(g => {
        const id = `filter-${g.key}`;
        return h('span', {class: 'filter'},
            h('input', {
                type: 'checkbox', id, checked: app.groups.has(g.key), dataset: {group: g.key},
                on: {
                    change: event => {
                        if (event.target.checked) {
                            app.groups.add(g.key);
                        } else {
                            app.groups.delete(g.key);
                        }
                        app.timelineLimit = TIMELINE_PAGE;
                        renderTimelinePanel();
                    },
                },
            }),
            h('label', {for: id}, g.label));
    }));
}

let timelineKey = null;

function renderTimelinePanel() {
    const to = app.asOf === 'live' ? null : app.asOf;
    const visible = visibleDevelopments(app.all, to, app.knownAt);
    // while the date plays, most days add nothing to the timeline: redraw only when it changes
    const key = [visible.length, visible.length ? visible[0].offset : 0, app.all.length, app.knownAt,
        [...app.groups].join(), app.timelineLimit, app.state ? app.state.offset : -1].join('|');
    if (key === timelineKey) {
        return;
    }
    timelineKey = key;
    const shown = renderTimeline(byId('timeline'), visible, {
        names: lookupNames(), knownAt: app.knownAt, groups: app.groups, limit: app.timelineLimit, flashed: app.arrived,
    });
    count('timeline-count', shown, 'development');
    // developments there are, but the filters hide them all (or every filter is off)
    byId('timeline-empty').hidden = shown > 0 || (visible.length === 0 && app.groups.size > 0);
    byId('timeline').hidden = shown === 0;
    const more = byId('timeline-more');
    more.hidden = shown <= app.timelineLimit;
    fill(more, `Show ${Math.min(TIMELINE_PAGE, shown - app.timelineLimit)} more of ${shown - app.timelineLimit}`);
}

// ---- history --------------------------------------------------------------------------------

/**
 * Opens a position's history. Opened by the reader (`push`), it is a step of the browser's history,
 * its entry marked with the history it opened: Back closes it, Forward opens it again. Closed on
 * the page (Escape, its button, the backdrop), that step is taken back with history.back(), so no
 * entry is left behind on which Back would seem to do nothing; a history the address opened on
 * load has no step of its own, and closing it only takes it out of the address.
 */
function showHistory(actor, issue, {push = false} = {}) {
    const key = `${actor}/${issue}`;
    app.historyKey = key;
    app.chartPick = {actor, issue};
    if (push) {
        pushUrl({history: key});
    } else {
        replaceUrl();
    }
    const date = app.asOf === 'live' ? null : app.asOf;
    openHistory(actor, issue, {
        process: app.process,
        knownAt: app.knownAt,
        asOf: date,
        endDate: app.span.last,
        names: lookupNames(),
        onClose: () => {
            if (historyOpenFor() === null) {
                // closed on the page while the address still names it (else Back or Forward closed it)
                if (new URLSearchParams(location.search).get('history') === key) {
                    app.historyKey = null;
                    if (history.state && history.state.history === key) {
                        dropPendingUrl();
                        history.back();
                    } else {
                        replaceUrl();
                    }
                }
                const cell = document.querySelector(`[data-focus-key="${CSS.escape(`cell:${actor}/${issue}`)}"]`);
                if (cell) {
                    cell.focus();
                }
            }
        },
    });
}

function reopenHistory() {
    if (app.historyKey) {
        const [actor, issue] = app.historyKey.split('/');
        showHistory(actor, issue);
    }
}

// ---- charts ---------------------------------------------------------------------------------

// samples: the promise of the convergence samples for samplesKey
const charts = {stance: null, convergence: null, samplesKey: null, samples: null, timer: null, visible: false,
    drawing: 0};  // convergence drawings under way

function renderChartPickers(state) {
    if (state.process && state.process !== app.process) {
        return; // a late answer about the process shown before
    }
    const actorSelect = byId('chart-actor');
    const issueSelect = byId('chart-issue');
    const actors = Object.keys(state.actors || {}).sort((a, b) => nameOf(state, a).localeCompare(nameOf(state, b), 'en'));
    const issues = Object.keys(state.issues || {});
    const withPositions = matrixActors(state, app.parties);
    const pick = app.chartPick;
    if ((!pick.actor || !pick.issue) && app.processes.length) {
        // once the parties are known: the first party, on the first issue where the parties'
        // stances meet (one with a convergence); picked again while the process has no actor or
        // no issue yet, so that the first ones to arrive (live too) are drawn
        const first = pick.actor && (state.actors || {})[pick.actor] ? pick.actor : withPositions[0] || actors[0] || null;
        const own = first && state.positions && state.positions[first] ? Object.keys(state.positions[first]) : [];
        const shared = own.find(i => typeof (state.issues[i] || {}).convergence === 'number');
        const issue = shared || own[0] || issues[0] || null;
        if (first !== pick.actor || issue !== pick.issue) {
            app.chartPick = {actor: first, issue};
            if (charts.visible) {
                drawStance();
            }
        }
    }
    syncOptions(actorSelect, actors.map(a => [a, nameOf(state, a)]), app.chartPick.actor);
    syncOptions(issueSelect, issues.map(i => [i, state.issues[i].title]), app.chartPick.issue);
}

/** Another process: nothing of the previous one's charts stays on screen. */
function resetCharts() {
    app.chartPick = {actor: null, issue: null};
    stanceRequest++;
    convergenceRequest++;
    clearTimeout(charts.timer);
    charts.timer = null;
    for (const name of ['stance', 'convergence']) {
        if (charts[name]) {
            charts[name].destroy();
            charts[name] = null;
        }
    }
    charts.samplesKey = null;
    charts.samples = null;
    for (const id of ['chart-actor', 'chart-issue']) {
        fill(byId(id));
        delete byId(id).dataset.options;
    }
    for (const id of ['stance-chart', 'stance-story', 'convergence-chart', 'convergence-story']) {
        fill(byId(id));
    }
    byId('stance-chart').removeAttribute('aria-label');
}

function syncOptions(select, options, selected) {
    const wanted = JSON.stringify(options);
    if (select.dataset.options !== wanted) {
        fill(select, options.map(([value, label]) => h('option', {value}, label)));
        select.dataset.options = wanted;
    }
    if (selected && select.value !== selected) {
        select.value = selected;
    }
}

function wireCharts() {
    const onPick = () => {
        app.chartPick = {actor: byId('chart-actor').value, issue: byId('chart-issue').value};
        drawStance();
    };
    byId('chart-actor').addEventListener('change', onPick);
    byId('chart-issue').addEventListener('change', onPick);
    // the charts are below the fold: draw them when they come near the screen
    const observer = new IntersectionObserver(entries => {
        if (entries.some(e => e.isIntersecting) && !charts.visible) {
            charts.visible = true;
            drawStance();
            drawConvergence();
        }
    }, {rootMargin: '400px'});
    observer.observe(byId('charts-panel'));
}

function refreshChartsSoon(development, convergenceToo = Boolean(development)) {
    clearTimeout(charts.timer);
    charts.timer = setTimeout(() => {
        charts.timer = null;
        if (!charts.visible) {
            return;
        }
        drawStance();
        if (convergenceToo) {
            charts.samplesKey = null;
            drawConvergence();
        }
    }, 600);
}

let markerFrame = 0;

function redrawChartMarkers() {
    if (markerFrame) {
        return;
    }
    markerFrame = requestAnimationFrame(() => {
        markerFrame = 0;
        for (const c of [charts.stance, charts.convergence]) {
            if (c) {
                c.redraw();
            }
        }
    });
}

let stanceRequest = 0;

async function drawStance() {
    const {actor, issue} = app.chartPick;
    if (!charts.visible || !app.process) {
        return;
    }
    const mine = ++stanceRequest;
    if (!actor || !issue) {
        if (charts.stance) {
            charts.stance.destroy();
            charts.stance = null;
        }
        byId('stance-chart').removeAttribute('aria-label');
        fill(byId('stance-chart'), h('p', {class: 'empty-note'}, app.state && app.state.process === app.process
            ? `No ${actor ? 'issue' : 'actor'} recorded in this process yet.` : ''));
        fill(byId('stance-story'));
        return;
    }
    try {
        const history = await api.history(app.process, actor, issue, app.knownAt);
        if (mine !== stanceRequest) {
            return;
        }
        const box = byId('stance-chart');
        const names = lookupNames();
        box.setAttribute('aria-label', `Step chart: ${names.actor(actor)} on ${names.issue(issue)}`);
        if (charts.stance) {
            charts.stance.destroy();
            charts.stance = null;
        }
        const drawn = await drawStanceChart(box, history.versions, {
            endDate: app.span.last, marker: () => shownDate(),
        });
        if (mine !== stanceRequest) {
            if (drawn) {
                drawn.destroy();
            }
            return;
        }
        charts.stance = drawn;
        fill(byId('stance-story'), `${names.actor(actor)} on ${names.issue(issue)}: ${stanceStory(history.versions)}`);
    } catch (e) {
        if (mine !== stanceRequest) {
            return;
        }
        if (e instanceof ApiError && e.status === 404) {
            fill(byId('stance-chart'), h('p', {class: 'empty-note'}, 'No such actor or issue in this process.'));
            fill(byId('stance-story'));
        } else {
            reportError(e);
        }
    }
}

/** The dates at which the state can change: every occurredOn in the record (corrected ones too). */
function changeDates() {
    const known = knownAtMillis(app.knownAt);
    const dates = new Set();
    for (const d of app.all) {
        if (known !== null && Date.parse(d.recordedAt) > known) {
            continue;
        }
        dates.add(d.occurredOn);
        if (d.replacement && d.replacement.occurredOn) {
            dates.add(d.replacement.occurredOn);
        }
    }
    return [...dates].sort();
}

let convergenceRequest = 0;

/** The convergence of each issue at each date, four requests at a time, in date order. */
async function sampleConvergence(process, dates, knownAt) {
    const samples = [];
    let next = 0;
    const worker = async () => {
        while (next < dates.length) {
            const date = dates[next++];
            const state = await api.state(process, date, knownAt);
            const convergence = {};
            for (const [id, issue] of Object.entries(state.issues || {})) {
                if (typeof issue.convergence === 'number') {
                    convergence[id] = issue.convergence;
                }
            }
            samples.push({date, convergence});
        }
    };
    await Promise.all(Array.from({length: 4}, worker));
    return samples.sort((a, b) => a.date.localeCompare(b.date));
}

/** Convergence over time: the state sampled at each date where it can change (at most MAX_SAMPLES). */
async function drawConvergence() {
    charts.drawing++;
    try {
        await drawConvergenceNow();
    } finally {
        charts.drawing--;
    }
}

async function drawConvergenceNow() {
    if (!charts.visible || !app.process || app.all.length === 0) {
        return;
    }
    const mine = ++convergenceRequest;
    let dates = changeDates();
    if (dates.length > MAX_SAMPLES) {
        // keep the most recent changes, and spread the rest over the earlier span
        const step = dates.length / MAX_SAMPLES;
        dates = Array.from({length: MAX_SAMPLES}, (_, i) => dates[Math.min(dates.length - 1, Math.round((i + 1) * step) - 1)]);
    }
    const key = `${app.process}|${app.knownAt || ''}|${dates.join(',')}|${app.all.length}`;
    if (charts.samplesKey !== key) {
        charts.samplesKey = key;
        charts.samples = sampleConvergence(app.process, dates, app.knownAt);
    }
    const loading = charts.samples;
    let samples;
    try {
        samples = await loading;
    } catch (e) {
        if (charts.samples === loading) {
            charts.samplesKey = null;
        }
        if (mine === convergenceRequest) {
            reportError(e);
        }
        return;
    }
    if (mine !== convergenceRequest) {
        return;
    }
    const names = lookupNames();
    const issueIds = [...new Set(samples.flatMap(s => Object.keys(s.convergence)))].sort();
    const issues = issueIds.map(id => ({id, title: names.issue(id)}));
    if (charts.convergence) {
        charts.convergence.destroy();
        charts.convergence = null;
    }
    const box = byId('convergence-chart');
    box.setAttribute('aria-label', 'Line chart: convergence per issue over time');
    const drawn = await drawConvergenceChart(box, samples, issues, {
        endDate: app.span.last, marker: () => shownDate(),
    });
    if (mine !== convergenceRequest) {
        if (drawn) {
            drawn.destroy();
        }
        return;
    }
    charts.convergence = drawn;
    const latest = samples.length ? samples[samples.length - 1].convergence : {};
    fill(byId('convergence-story'), issues.length
        ? `Sampled at ${samples.length} dates. Latest: ${issues.map(i => `${i.title} ${typeof latest[i.id] === 'number'
            ? latest[i.id].toFixed(2) : '—'}`).join('; ')}.`
        : '');
}

// ---- diff -----------------------------------------------------------------------------------

function wireDiff() {
    byId('diff-form').addEventListener('submit', event => {
        event.preventDefault();
        runDiff();
    });
}

let diffRequest = 0;

/** Draws the comparison on screen again: the names of the record may have arrived after it. */
function redrawDiff() {
    const shown = app.shownDiff;
    if (shown && shown.process === app.process) {
        renderDiff(byId('diff-result'), shown.diff, lookupNames());
    }
}

/** Compares the two dates of the form; `quiet` (on load) leaves the address as it was. */
async function runDiff({quiet = false} = {}) {
    const from = byId('diff-from').value;
    const to = byId('diff-to').value;
    const result = byId('diff-result');
    const mine = ++diffRequest;
    app.shownDiff = null;
    if (!isIsoDate(from) || !isIsoDate(to)) {
        fill(result, h('p', {class: 'empty-note'}, 'Choose two dates.'));
        return;
    }
    const [a, b] = from <= to ? [from, to] : [to, from];
    if (!quiet) {
        app.diff = {from: a, to: b};
        pushUrl();
    }
    fill(result, h('p', {class: 'muted small'}, 'Comparing…'));
    const process = app.process;
    try {
        const diff = await api.diff(process, a, b, app.knownAt);
        if (mine !== diffRequest) {
            return; // another comparison was asked for meanwhile
        }
        app.shownDiff = {process, diff};
        renderDiff(result, diff, lookupNames());
    } catch (e) {
        if (mine !== diffRequest) {
            return;
        }
        fill(result, h('p', {class: 'empty-note'}, `The comparison failed: ${e.message}`));
    }
}

/** The dates of the address, else the 30 days up to the date shown, within the process's span. */
function initDiffDates() {
    const {first, last} = app.span;
    const shown = shownDate();
    const to = app.diff.to || (shown && last && shown > last ? last : shown);
    let from = app.diff.from || (to ? addDays(to, -30) : null);
    if (!app.diff.from && from && first && from < first && first <= to) {
        from = first;
    }
    if (to && from) {
        byId('diff-from').value = from;
        byId('diff-to').value = to;
    }
}

// ---- status, errors -------------------------------------------------------------------------

function showConnection(status, detail) {
    const box = byId('connection');
    box.dataset.status = status;
    let text;
    switch (status) {
        case 'connected':
            text = detail === 'resumed' ? 'Live · reconnected' : 'Live · connected';
            hideBanner('live');
            break;
        case 'connecting':
            text = 'Connecting…';
            break;
        case 'reconnecting':
            text = `Reconnecting${detail && detail.delay ? ` in ${Math.ceil(detail.delay / 1000)} s` : '…'}`;
            break;
        case 'unauthorized':
            text = 'Not connected · token needed';
            break;
        default:
            text = `Offline · retrying${detail && detail.delay ? ` in ${Math.ceil(detail.delay / 1000)} s` : ''}`;
            if (app.stateKey !== viewKey()) {
                restFallback();
            }
            break;
    }
    fill(byId('connection-text'), text);
    box.title = status === 'connected'
        ? 'The page follows new developments as they are recorded'
        : 'The live connection is down; the page shows the last state it had and reconnects by itself';
}

function showBanner(text, kind = 'error') {
    const banner = byId('banner');
    banner.dataset.kind = kind;
    fill(banner, text);
    banner.hidden = false;
}

function hideBanner(kind) {
    const banner = byId('banner');
    if (!kind || banner.dataset.kind === kind) {
        banner.hidden = true;
    }
}

function reportError(e) {
    if (e instanceof ApiError && e.status === 401) {
        live.stop('unauthorized');
        showBanner('The tracker needs an access token: open this page with ?token=YOUR_TOKEN in its address.');
    } else if (e instanceof ApiError) {
        showBanner(e.message);
    } else {
        console.error(e);
    }
}

// ---- start ----------------------------------------------------------------------------------

function wireHistory() {
    byId('history-close').addEventListener('click', () => closeHistory());
    byId('history-dialog').addEventListener('click', event => {
        if (event.target === byId('history-dialog')) {
            closeHistory(); // a click on the backdrop
        }
    });
    byId('timeline-more').addEventListener('click', () => {
        app.timelineLimit += TIMELINE_PAGE;
        renderTimelinePanel();
    });
}

/** Shows a process; `push` when the reader chose it (a step of history), else the address is replaced. */
function chooseProcess(process, {push = false} = {}) {
    const summary = app.processes.find(p => p.process === process);
    app.process = process;
    app.parties = summary ? summary.parties || [] : [];
    app.processTitle = summary ? summary.title || process : process;
    app.span = {first: summary ? summary.firstDate : null, last: summary ? summary.lastDate : null};
    const switching = app.chosenProcess && app.chosenProcess !== process;
    app.chosenProcess = process;
    if (app.state && app.state.process !== process) {
        // another process: forget the old one (the view the address named may already be drawn)
        app.state = null;
        app.stateKey = null;
    }
    if (switching) {
        // nothing of the previous process stays: its charts and its play dates (the comparison's
        // dates are the address's: none when the reader picks another process)
        resetCharts();
        app.timelineLoaded = false;
        byId('play-until').value = '';
    }
    app.all = [];
    app.names = new Names();
    charts.samplesKey = null;
    fill(byId('process-title'), app.processTitle);
    if (app.asOf !== 'live' && app.span.first && app.asOf < app.span.first) {
        app.asOf = app.span.first;
    }
    setupSlider();
    initDiffDates();
    if (push) {
        pushUrl();
    } else {
        replaceUrl();
    }
    requestView();
    loadTimeline();
    runDiff({quiet: true});
    if (app.state) {
        scheduleRender(); // again, now with the parties first
    }
}

/**
 * Back or Forward: shows the view the address names (process, dates, comparison, open history)
 * without a reload and without a step of its own; the live subscription follows it as it follows
 * any other change of view.
 */
function applyUrl() {
    dropPendingUrl(); // meant for the entry just left
    endRun();
    if (app.playing) {
        stopPlay();
    }
    const was = {process: app.process, asOf: app.asOf, knownAt: app.knownAt, ...app.diff};
    readUrl();
    if (app.processes.length === 0) {
        return; // still loading (start() goes on with the address as it is now), or nothing to show
    }
    if (!app.processes.some(p => p.process === app.process)) {
        app.process = was.process;
    }
    const processChanged = app.process !== app.chosenProcess;
    const datesChanged = app.asOf !== was.asOf || app.knownAt !== was.knownAt;
    if (processChanged) {
        byId('process-select').value = app.process;
        closeHistory();
        chooseProcess(app.process);
    } else {
        if (datesChanged) {
            renderTimeControls({force: true});
            renderTimelinePanel();
            redrawChartMarkers();
            requestView();
            if (app.knownAt !== was.knownAt) {
                refreshChartsSoon(null, true);
            }
        }
        if (app.diff.from !== was.from || app.diff.to !== was.to) {
            initDiffDates();
            runDiff({quiet: true});
        }
    }
    renderTimeControls({force: true});
    const open = historyOpenFor();
    if (app.historyKey && (open !== app.historyKey || processChanged || datesChanged)) {
        const [actor, issue] = app.historyKey.split('/');
        showHistory(actor, issue);
    } else if (!app.historyKey && open) {
        closeHistory();
    }
    replaceUrl(); // the address as the page shows it (a date before a process's first day moved to it)
}

async function start() {
    readUrl();
    renderFilters();
    trackTimebarHeight();
    wireTimeControls();
    wireCharts();
    wireDiff();
    wireHistory();
    window.addEventListener('popstate', applyUrl);
    live.connect();
    if (app.process) {
        // the view the address names: subscribe at once, and ask the REST API too, while the list
        // of processes loads; whichever answers first is drawn, the live view takes over
        live.setView({process: app.process, asOf: app.asOf, knownAt: app.knownAt});
        watchSpan();
        restFallback();
    }
    let processes;
    try {
        processes = (await api.processes()).processes || [];
    } catch (e) {
        reportError(e);
        fill(byId('process-title'), 'Diplomacy Tracker');
        return;
    }
    app.processes = processes;
    if (processes.length === 0) {
        fill(byId('process-title'), 'No process recorded yet');
        showBanner('No development has been recorded yet: POST developments to /api/developments.', 'info');
        return;
    }
    const select = byId('process-select');
    fill(select, processes.map(p => h('option', {value: p.process}, p.title || p.process)));
    byId('process-pick').hidden = processes.length < 2;
    select.addEventListener('change', () => {
        closeHistory();
        app.diff = {from: null, to: null};
        chooseProcess(select.value, {push: true});
    });
    const wanted = processes.some(p => p.process === app.process) ? app.process : busiestProcess(processes);
    if (app.process && app.process !== wanted) {
        notice(`There is no process “${app.process}”; showing “${wanted}”.`);
    }
    select.value = wanted;
    const history = app.historyKey;
    chooseProcess(wanted);
    if (history) {
        const [actor, issue] = history.split('/');
        showHistory(actor, issue);
    }
}

/**
 * The process to show when the address names none (or one that does not exist): the one with the
 * most developments, the main negotiation rather than a test or an empty process; ties by id.
 */
function busiestProcess(processes) {
    return [...processes].sort((a, b) => (b.developments || 0) - (a.developments || 0)
        || (a.process < b.process ? -1 : a.process > b.process ? 1 : 0))[0].process;
}

// for the browser tests and for curious readers: what the live client has applied
window.dashboard = {
    get lastOffset() {
        return live.lastOffset;
    },
    get ignoredUpdates() {
        return live.ignored;
    },
    get updates() {
        return app.updates;
    },
    get status() {
        return live.status;
    },
    /** The view the address names is on screen (its state received and drawn). */
    get viewReady() {
        return app.state !== null && app.stateKey === viewKey() && app.renderedState === app.state;
    },
    /** The view is drawn and the page has settled: the record is loaded and no redraw is pending. */
    get settled() {
        return this.viewReady && app.timelineLoaded === true && !renderQueued && app.processes.length > 0;
    },
    /** Settled, and no redraw of the charts is waiting or under way. */
    get chartsSettled() {
        return this.settled && charts.timer === null && charts.drawing === 0;
    },
    get firstRenderMs() {
        return app.firstRenderMs;
    },
    get snapshots() {
        return live.snapshots;
    },
    get resumes() {
        return live.resumes;
    },
    /** Drops the live connection as a network failure would; the client reconnects with `since`. */
    dropConnection() {
        live.dropped();
    },
};

start();
