// The state's sections as DOM: the positions matrix, proposals, envoys, talks, commitments and
// territory. Pure functions of the state (and lookups); every data string goes in as text.

import {h, fill} from './dom.js';
import {
    STANCE_LABEL, fmtDate, nameOf, issueTitle, fmtConvergence, fmtAmount,
} from './format.js';

const KIND_RANK = {state: 0, organisation: 1, group: 2, person: 3};

function byName(state) {
    return (a, b) => nameOf(state, a).localeCompare(nameOf(state, b), 'en');
}

/** Actors with at least one position, the process's parties first, then states, organisations, groups, people. */
export function matrixActors(state, parties) {
    const actors = Object.keys(state.positions || {}).filter(a => Object.keys(state.positions[a]).length > 0);
    const partyRank = a => {
        const i = parties.indexOf(a);
        return i < 0 ? parties.length : i;
    };
    const kindRank = a => KIND_RANK[(state.actors[a] || {}).kind] ?? 4;
    const names = byName(state);
    return actors.sort((a, b) => partyRank(a) - partyRank(b) || kindRank(a) - kindRank(b) || names(a, b));
}

function actorCaption(state, id) {
    const actor = state.actors[id] || {};
    const parts = [actor.kind];
    if (actor.affiliation) {
        parts.push(nameOf(state, actor.affiliation));
    }
    return parts.filter(Boolean).join(' · ');
}

function convergenceBar(value) {
    const has = typeof value === 'number';
    const bar = h('span', {class: 'conv-fill'});
    if (has) {
        bar.style.width = `${Math.round(value * 100)}%`;
    }
    return h('span', {
        class: ['conv', has ? null : 'conv-none'],
        role: 'img',
        'aria-label': has ? `Convergence ${fmtConvergence(value)}` : 'Convergence: fewer than two parties have a stance',
        title: has ? `Convergence among the parties: ${fmtConvergence(value)} (1 = agreement, 0 = opposite ends)`
            : 'Convergence: fewer than two parties have a stance',
    }, h('span', {class: 'conv-track', 'aria-hidden': 'true'}, bar),
    h('span', {class: 'conv-value', 'aria-hidden': 'true'}, fmtConvergence(value)));
}

/**
 * The positions matrix: actors × issues, each cell coloured by stance with speaker and date, and
 * the convergence of each issue in the header. onOpen(actor, issue) opens a cell's history.
 */
export function renderMatrix(table, state, {parties, onOpen, flashed}) {
    // columns by title: a stable order a reader can scan, whatever the date
    const issues = Object.keys(state.issues || {})
        .sort((a, b) => issueTitle(state, a).localeCompare(issueTitle(state, b), 'en'));
    const actors = matrixActors(state, parties);
    const head = h('thead', null, h('tr', null,
        h('th', {scope: 'col', class: 'corner'}, h('span', {class: 'corner-text'}, 'Actor'),
            h('span', {class: 'corner-sub'}, 'Issue →')),
        issues.map(issue => h('th', {scope: 'col', class: 'issue', dataset: {issue}},
            h('span', {class: 'issue-title', title: (state.issues[issue] || {}).description || null},
                issueTitle(state, issue)),
            convergenceBar(state.issues[issue].convergence)))));
    const body = h('tbody');
    for (const actor of actors) {
        const row = h('tr', {dataset: {actor}},
            h('th', {scope: 'row', class: ['actor', parties.includes(actor) ? 'party' : null]},
                h('span', {class: 'actor-name'}, nameOf(state, actor)),
                h('span', {class: 'actor-kind'}, parties.includes(actor) ? 'party' : actorCaption(state, actor))));
        for (const issue of issues) {
            const p = state.positions[actor][issue];
            if (!p) {
                row.appendChild(h('td', {class: 'empty'}, h('span', {'aria-hidden': 'true'}, '·'),
                    h('span', {class: 'sr-only'}, 'no stated position')));
                continue;
            }
            const label = STANCE_LABEL[p.stance] || p.stance;
            const speaker = p.speaker ? nameOf(state, p.speaker) : null;
            const tip = [`${nameOf(state, actor)} ${String(label).toLowerCase()} — ${issueTitle(state, issue)}`,
                speaker ? `Speaker: ${speaker}` : null, `Since ${fmtDate(p.since)}`,
                p.quote ? `“${p.quote}”` : null, p.conditions ? `Conditions: ${p.conditions}` : null,
                'Click for the history of this position'].filter(Boolean).join('\n');
            const key = `${actor}/${issue}`;
            row.appendChild(h('td', {class: 'pos'},
                h('button', {
                    type: 'button',
                    class: ['cell', `stance-${p.stance}`, flashed && flashed.has(key) ? 'flash' : null],
                    dataset: {actor, issue, stance: p.stance, focusKey: `cell:${key}`},
                    title: tip,
                    'aria-label': `${nameOf(state, actor)} on ${issueTitle(state, issue)}: ${label}`
                        + `${speaker ? `, ${speaker}` : ''}, since ${fmtDate(p.since)}. Open history.`,
                    on: {click: () => onOpen(actor, issue)},
                },
                h('span', {class: 'cell-stance'}, label),
                speaker ? h('span', {class: 'cell-speaker'}, speaker) : null,
                h('span', {class: 'cell-date'}, fmtDate(p.since)))));
        }
        body.appendChild(row);
    }
    fill(table, h('caption', {class: 'sr-only'},
        'Positions of each actor on each issue, coloured from rejects to demands, with convergence per issue'),
    head, body);
    return actors.length;
}

function chip(state, id, cls) {
    return h('li', {class: ['chip', cls]}, nameOf(state, id));
}

function chips(state, ids, cls, none) {
    return ids && ids.length
        ? h('ul', {class: 'chips'}, ids.map(id => chip(state, id, cls)))
        : h('p', {class: 'muted small'}, none);
}

export function renderProposals(container, state) {
    const ids = Object.keys(state.proposals || {});
    const rank = {tabled: 0, amended: 0, withdrawn: 1};
    ids.sort((a, b) => (rank[state.proposals[a].status] ?? 0) - (rank[state.proposals[b].status] ?? 0)
        || String(state.proposals[b].since).localeCompare(String(state.proposals[a].since)));
    if (ids.length === 0) {
        fill(container, h('p', {class: 'empty-note'}, 'No proposal on the table at this date.'));
        return 0;
    }
    fill(container, ids.map(id => {
        const p = state.proposals[id];
        return h('article', {class: ['proposal', `status-${p.status}`], dataset: {proposal: id}},
            h('header', {class: 'proposal-head'},
                h('h3', null, p.title || id),
                h('span', {class: ['badge', `badge-${p.status}`]}, p.status)),
            h('p', {class: 'meta'}, 'Sponsor ', h('strong', null, nameOf(state, p.sponsor)),
                ` · ${p.status === 'withdrawn' ? 'withdrawn' : p.status === 'amended' ? 'amended' : 'tabled'} ${fmtDate(p.since)}`),
            // what is on the table is shown; a withdrawn proposal's terms fold away
            h('details', {class: 'provisions', open: p.status !== 'withdrawn'},
                h('summary', null, `${(p.provisions || []).length} provision${(p.provisions || []).length === 1 ? '' : 's'}`),
                h('ul', null, (p.provisions || []).map(pr => h('li', null,
                    h('span', {class: 'prov-issue'}, issueTitle(state, pr.issue)), ' ', pr.term)))),
            h('div', {class: 'sides'},
                h('div', null, h('h4', null, 'Supporters'), chips(state, p.support, 'chip-support', 'none stated')),
                h('div', null, h('h4', null, 'Opponents'), chips(state, p.opposition, 'chip-oppose', 'none stated'))));
    }));
    return ids.length;
}

export function renderEnvoys(container, state) {
    const ids = Object.keys(state.envoys || {}).sort((a, b) =>
        String(state.envoys[b].since).localeCompare(String(state.envoys[a].since)));
    if (ids.length === 0) {
        fill(container, h('p', {class: 'empty-note'}, 'No envoy in office at this date.'));
        return 0;
    }
    fill(container, h('ul', {class: 'rows'}, ids.map(id => {
        const e = state.envoys[id];
        return h('li', {class: 'envoy', dataset: {envoy: id}},
            h('div', {class: 'row-main'}, h('strong', {class: 'envoy-name'}, nameOf(state, id)),
                h('span', {class: 'since'}, `since ${fmtDate(e.since)}`)),
            h('div', {class: 'row-sub'}, e.office),
            h('div', {class: 'row-sub muted'}, `represents ${nameOf(state, e.represents)}`,
                e.appointedBy ? ` · appointed by ${nameOf(state, e.appointedBy)}` : ''),
            e.mandate ? h('div', {class: 'row-sub muted'}, `Mandate: ${e.mandate}`) : null);
    })));
    return ids.length;
}

export function renderTalks(container, state) {
    const ids = Object.keys(state.talks || {}).sort((a, b) =>
        String(state.talks[b].occurredOn).localeCompare(String(state.talks[a].occurredOn)));
    if (ids.length === 0) {
        fill(container, h('p', {class: 'empty-note'}, 'No talks recorded up to this date.'));
        return 0;
    }
    fill(container, h('ul', {class: 'rows'}, ids.map(id => {
        const t = state.talks[id];
        return h('li', {class: 'talks', dataset: {development: id}},
            h('div', {class: 'row-main'},
                h('strong', null, (t.participants || []).map(p => nameOf(state, p)).join(', ')),
                h('span', {class: 'since'}, fmtDate(t.occurredOn))),
            h('div', {class: 'row-sub muted'}, [t.format, t.venue].filter(Boolean).join(' · ')),
            t.topics && t.topics.length
                ? h('div', {class: 'row-sub muted'}, 'Topics: ', t.topics.map(i => issueTitle(state, i)).join(', '))
                : null,
            t.outcome ? h('div', {class: 'row-sub'}, t.outcome) : null);
    })));
    return ids.length;
}

export function renderCommitments(container, state) {
    const ids = Object.keys(state.commitments || {}).sort((a, b) =>
        String(state.commitments[b].occurredOn).localeCompare(String(state.commitments[a].occurredOn)));
    if (ids.length === 0) {
        fill(container, h('p', {class: 'empty-note'}, 'No commitment recorded up to this date.'));
        return 0;
    }
    fill(container, h('ul', {class: 'rows'}, ids.map(id => {
        const c = state.commitments[id];
        return h('li', {class: 'commitment', dataset: {development: id}},
            h('div', {class: 'row-main'},
                h('strong', null, nameOf(state, c.actor),
                    c.recipient ? ` → ${nameOf(state, c.recipient)}` : ''),
                h('span', {class: ['badge', `badge-${c.status}`]}, c.status)),
            h('div', {class: 'row-sub'}, h('span', {class: 'kind'}, c.kind),
                c.amount !== undefined || c.unit ? ` · ${fmtAmount(c.amount, c.unit)}` : '',
                ` · ${fmtDate(c.occurredOn)}`),
            c.description ? h('div', {class: 'row-sub muted'}, c.description) : null);
    })));
    return ids.length;
}

export function renderTerritory(container, state, areaNames) {
    const ids = Object.keys(state.territory || {});
    if (ids.length === 0) {
        fill(container, h('p', {class: 'empty-note'}, 'No area’s control recorded at this date.'));
        return 0;
    }
    fill(container, h('div', {class: 'table-scroll', role: 'region', 'aria-label': 'Territory table'}, h('table', {class: 'territory'},
        h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Area'), h('th', {scope: 'col'}, 'Controller'),
            h('th', {scope: 'col'}, 'Status'), h('th', {scope: 'col'}, 'Since'))),
        h('tbody', null, ids.map(id => {
            const t = state.territory[id];
            return h('tr', {dataset: {area: id}},
                h('th', {scope: 'row'}, areaNames[id] || id),
                h('td', null, nameOf(state, t.controller),
                    t.previousController ? h('span', {class: 'muted small'}, ` (from ${nameOf(state, t.previousController)})`) : null),
                h('td', null, h('span', {class: ['badge', `badge-${t.status}`]}, t.status)),
                // on a phone the date may wrap, before its year only
                h('td', {class: 'nowrap'}, fmtDate(t.since).replace(' ', '\u00a0')));
        })))));
    return ids.length;
}
