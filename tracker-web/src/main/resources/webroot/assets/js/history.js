// A position's history in a dialog: every version with its date, stance, speaker, quote and source;
// corrected and retracted versions struck through, with what replaced them and when that was
// recorded. A step chart of the standing versions sits on top.

import {h, fill, byId} from './dom.js';
import {api} from './api.js';
import {STANCE_LABEL, fmtDate, fmtInstant} from './format.js';
import {sourceLine, idTag, amendingReport} from './timeline.js';
import {drawStanceChart, stanceStory, standingVersions} from './charts.js';

let chart = null;
let request = 0;

function amendmentNote(kind, id, info, replacement, names) {
    const parts = [];
    // the amending report as a reader knows it (its date); its id at the end, for analysts
    const report = amendingReport(names.byId.get(id) || (info && info.development), {outlet: false});
    if (kind === 'corrected') {
        parts.push(h('strong', null, 'Corrected'), report ? ` by ${report}` : '');
        if (info && info.recordedAt) {
            parts.push(`, recorded ${fmtInstant(info.recordedAt)}`);
        } else if (replacement && replacement.recordedAt) {
            parts.push(`, recorded ${fmtInstant(replacement.recordedAt)}`);
        }
        if (replacement) {
            parts.push(`. Replaced by the version dated ${fmtDate(replacement.occurredOn)}`
                + ` (${STANCE_LABEL[replacement.stance] || replacement.stance}).`);
        } else {
            parts.push('.');
        }
    } else {
        parts.push(h('strong', null, 'Retracted'), report ? ` by ${report}` : '');
        if (info && info.recordedAt) {
            parts.push(`, recorded ${fmtInstant(info.recordedAt)}`);
        }
        const reason = info && info.development && info.development.reason ? info.development.reason.trim() : '';
        // the reason as written, ended by one full stop (not a second one after its own)
        parts.push(reason ? `: ${reason}${/[.!?…]["”’)]*$/.test(reason) ? '' : '.'}` : '.');
        parts.push(' This report no longer counts at any date.');
    }
    parts.push(' ', idTag(id));
    if (info && info.development && info.development.source) {
        parts.push(sourceLine(info.development.source));
    }
    return h('div', {class: ['amend-note', `amend-${kind}`], dataset: {amendment: id}}, parts);
}

function versionItem(v, {names, current, replacementOf, amendments}) {
    const struck = Boolean(v.correctedBy || v.retractedBy);
    const speaker = v.speaker ? names.actor(v.speaker) : null;
    const stance = h('span', {class: ['stance-tag', `stance-${v.stance}`]}, STANCE_LABEL[v.stance] || v.stance);
    const body = [
        h('div', {class: 'v-head'},
            h('time', {datetime: v.occurredOn, class: 'v-date'}, fmtDate(v.occurredOn)),
            stance,
            speaker ? h('span', {class: 'v-speaker'}, speaker) : null,
            v === current ? h('span', {class: 'badge badge-current'}, 'current') : null,
            v.correctedBy ? h('span', {class: 'badge badge-corrected'}, 'corrected') : null,
            v.retractedBy ? h('span', {class: 'badge badge-retracted'}, 'retracted') : null,
            v.correction ? h('span', {class: 'badge badge-replacement'}, 'correction') : null),
        v.quote ? h('blockquote', {class: 'quote'}, v.quote) : null,
        v.conditions ? h('p', {class: 'dev-detail'}, `Conditions: ${v.conditions}`) : null,
        sourceLine(v.source),
        h('p', {class: 'recorded muted small'}, `Recorded ${fmtInstant(v.recordedAt)} · development `,
            h('code', null, v.development)),
    ];
    return h('li', {
        class: ['version', struck ? 'struck' : null, v.correctedBy ? 'is-corrected' : null,
            v.retractedBy ? 'is-retracted' : null, v.correction ? 'is-replacement' : null, v === current ? 'is-current' : null],
        dataset: {development: v.development, occurredOn: v.occurredOn},
    },
    struck ? h('del', {class: 'v-body'}, body) : h('div', {class: 'v-body'}, body),
    v.correctedBy ? amendmentNote('corrected', v.correctedBy, amendments.get(v.correctedBy),
        replacementOf.get(v.correctedBy), names) : null,
    v.retractedBy ? amendmentNote('retracted', v.retractedBy, amendments.get(v.retractedBy), null, names) : null,
    v.correction ? replacementNote(v, names, amendments.get(v.correction)) : null);
}

/** Where a replacement version comes from: the correction, by its date; its id at the end. */
function replacementNote(v, names, info) {
    const correction = names.byId.get(v.correction) || (info && info.development);
    return h('p', {class: 'amend-note amend-replacement'}, 'This version comes from the correction',
        correction && correction.occurredOn ? ` of ${fmtDate(correction.occurredOn)}` : '',
        `, recorded ${fmtInstant(v.recordedAt)}. `, idTag(v.correction));
}

/**
 * Opens the history of actor's position on issue. ctx = {process, knownAt, asOf (date or null),
 * endDate, names, onClose}.
 */
export async function openHistory(actor, issue, ctx) {
    const dialog = byId('history-dialog');
    const title = byId('history-title');
    const list = byId('history-versions');
    const story = byId('history-story');
    const chartBox = byId('history-chart');
    const mine = ++request;
    fill(title, `${ctx.names.actor(actor)} — ${ctx.names.issue(issue)}`);
    fill(story, 'Loading the history…');
    fill(list);
    dialog.dataset.actor = actor;
    dialog.dataset.issue = issue;
    dialog.onclose = () => {
        if (chart) {
            chart.destroy();
            chart = null;
        }
        ctx.onClose();
    };
    if (!dialog.open) {
        dialog.showModal();
    }
    let history;
    try {
        history = await api.history(ctx.process, actor, issue, ctx.knownAt);
    } catch (e) {
        if (mine === request) {
            fill(story, `The history could not be loaded: ${e.message}`);
        }
        return;
    }
    if (mine !== request || !dialog.open) {
        return;
    }
    const versions = history.versions || [];
    const standing = standingVersions(versions);
    const asOf = ctx.asOf;
    const current = [...standing].reverse().find(v => !asOf || v.occurredOn <= asOf) || null;
    const replacementOf = new Map(versions.filter(v => v.correction).map(v => [v.correction, v]));
    const amendments = new Map();
    const render = () => fill(list, [...versions].reverse().map(v =>
        versionItem(v, {names: ctx.names, current, replacementOf, amendments})));
    fill(story, `${versions.length} version${versions.length === 1 ? '' : 's'}, newest first. `, stanceStory(versions));
    render();
    if (chart) {
        chart.destroy();
        chart = null;
    }
    drawStanceChart(chartBox, versions, {endDate: ctx.endDate, marker: () => ctx.asOf, height: 180})
        .then(c => {
            if (mine === request && dialog.open) {
                chart = c;
            } else if (c) {
                c.destroy();
            }
        });
    // when and why each correction or retraction was recorded
    const ids = [...new Set(versions.flatMap(v => [v.correctedBy, v.retractedBy]).filter(Boolean))];
    if (ids.length) {
        await Promise.all(ids.map(id => api.development(ctx.process, id)
            .then(info => amendments.set(id, info)).catch(() => {})));
        if (mine === request && dialog.open) {
            render();
        }
    }
}

/**
 * Names the open history's position again, with names that may have arrived after it opened (a
 * link that opens it can be faster than the state that names its actor and issue).
 */
export function retitleHistory(names) {
    const dialog = byId('history-dialog');
    if (dialog.open && dialog.dataset.actor && dialog.dataset.issue) {
        const title = `${names.actor(dialog.dataset.actor)} — ${names.issue(dialog.dataset.issue)}`;
        if (byId('history-title').textContent !== title) {
            fill(byId('history-title'), title);
        }
    }
}

export function closeHistory() {
    const dialog = byId('history-dialog');
    if (dialog.open) {
        dialog.close();
    }
}

export function historyOpenFor() {
    const dialog = byId('history-dialog');
    return dialog.open ? `${dialog.dataset.actor}/${dialog.dataset.issue}` : null;
}
