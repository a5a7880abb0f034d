// The timeline of developments up to the chosen date, newest first, with type filters; and the
// diff between two dates. Quotes are shown as text, sources as links with their Admiralty grade.

import {h, fill, safeLink} from './dom.js';
import {
    STANCE_LABEL, TYPE_LABEL, TYPE_GROUPS, fmtDate, fmtInstant, admiralty, fmtAmount, fmtConvergence,
} from './format.js';

/** Names for ids, from the whole record (a name does not depend on the date looked at). */
export class Names {
    constructor() {
        this.actors = {};
        this.issues = {};
        this.areas = {};
        this.proposals = {};
        this.byId = new Map();
    }

    static of(developments) {
        const names = new Names();
        for (const d of developments) {
            names.byId.set(d.id, d);
            switch (d.type) {
                case 'ActorRegistered': names.actors[d.actor] = d.name; break;
                case 'IssueDefined': names.issues[d.issue] = d.title; break;
                case 'AreaDefined': names.areas[d.area] = d.name; break;
                case 'ProposalTabled': names.proposals[d.proposal] = d.title; break;
                default: break;
            }
        }
        return names;
    }

    actor(id) {
        return this.actors[id] || id || '';
    }

    issue(id) {
        return this.issues[id] || id || '';
    }

    area(id) {
        return this.areas[id] || id || '';
    }

    proposal(id) {
        return this.proposals[id] || id || '';
    }
}

/** knownAt (a date = the end of that day, UTC; or an instant) as epoch milliseconds; null = now. */
export function knownAtMillis(knownAt) {
    if (!knownAt) {
        return null;
    }
    const t = /^\d{4}-\d{2}-\d{2}$/.test(knownAt) ? Date.parse(knownAt + 'T23:59:59.999Z') : Date.parse(knownAt);
    return Number.isNaN(t) ? null : t;
}

/** Developments known at knownAt and dated up to `to` (null = no limit), newest first. */
export function visibleDevelopments(all, to, knownAt) {
    const known = knownAtMillis(knownAt);
    return all.filter(d => (!to || d.occurredOn <= to) && (known === null || Date.parse(d.recordedAt) <= known))
        .sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.offset - a.offset);
}

export function sourceLine(source, extra) {
    if (!source) {
        return null;
    }
    const grade = admiralty(source);
    return h('p', {class: 'source'},
        h('span', {class: 'source-label'}, 'Source: '),
        source.url ? safeLink(source.url, source.outlet, {class: 'outlet'}) : h('span', {class: 'outlet'}, source.outlet),
        source.title ? h('span', {class: 'source-title'}, ` — ${source.title}`) : null,
        grade ? h('abbr', {class: 'grade', title: grade.meaning, 'aria-label': grade.meaning}, grade.code) : null,
        source.attribution ? h('span', {class: 'attribution'}, source.attribution) : null,
        extra || null);
}

/** "A", "A and B", "A, B and C". */
function andList(items) {
    return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * What a development is about, in words, for a reader: its type, its subject and its date, as in
 * "Talks held: Donald Trump and Vladimir Putin, 7 Nov 2024". Null when the development is unknown.
 */
export function developmentLabel(d, names) {
    if (!d || !d.type) {
        return null;
    }
    let subject;
    switch (d.type) {
        case 'ProcessOpened': subject = d.title; break;
        case 'ActorRegistered': subject = d.name || names.actor(d.actor); break;
        case 'IssueDefined': subject = d.title || names.issue(d.issue); break;
        case 'AreaDefined': subject = d.name || names.area(d.area); break;
        case 'EnvoyAppointed':
        case 'EnvoyLeft': subject = `${names.actor(d.person)}${d.office ? `, ${d.office}` : ''}`; break;
        case 'PositionStated':
            subject = `${names.actor(d.actor)} on ${d.issue ? names.issue(d.issue) : `“${names.proposal(d.proposal)}”`}`;
            break;
        case 'ProposalTabled': subject = `“${d.title || names.proposal(d.proposal)}”`; break;
        case 'ProposalAmended':
        case 'ProposalWithdrawn': subject = `“${names.proposal(d.proposal)}”`; break;
        case 'TalksHeld': subject = andList((d.participants || []).map(p => names.actor(p))); break;
        case 'TerritoryControlChanged': subject = names.area(d.area); break;
        case 'CommitmentMade': subject = commitmentLabel(d, names); break;
        default: subject = null; break;
    }
    return [TYPE_LABEL[d.type] || d.type, subject ? `: ${subject}` : '', d.occurredOn ? `, ${fmtDate(d.occurredOn)}` : '']
        .join('');
}

/** "North Korea → Russia: troops" (a commitment or an entry of the state's commitments). */
function commitmentLabel(c, names) {
    return `${names.actor(c.actor)}${c.recipient ? ` → ${names.actor(c.recipient)}` : ''}${c.kind ? `: ${c.kind}` : ''}`;
}

/** A development's id, for analysts: small and muted, after the words that say what it is. */
export function idTag(id) {
    return id ? h('code', {class: 'dev-id', title: 'Development id'}, id) : null;
}

/**
 * What another development is about, then `more` (text), then its id, small; the id alone where
 * the development is not known here.
 */
function reference(id, names, more = '') {
    const label = developmentLabel(names.byId.get(id), names);
    return label ? [h('strong', {class: 'dev-ref'}, label), more, ' ', idTag(id)] : [h('code', null, id), more];
}

/** "a report of 11 Nov 2024 in Novaya Gazeta Europe": the amending development, as a reader knows it. */
export function amendingReport(by, {outlet = true} = {}) {
    if (!by || !by.occurredOn) {
        return null;
    }
    const source = outlet && by.source && by.source.outlet ? ` in ${by.source.outlet}` : '';
    return `a report of ${fmtDate(by.occurredOn)}${source}`;
}

function summary(d, names) {
    const a = id => h('strong', null, names.actor(id));
    switch (d.type) {
        case 'ProcessOpened':
            return ['Process opened: ', h('strong', null, d.title)];
        case 'ActorRegistered':
            return [a(d.actor), ` registered (${d.kind}${d.role ? `, ${d.role}` : ''})`];
        case 'IssueDefined':
            return ['Issue defined: ', h('strong', null, d.title)];
        case 'AreaDefined':
            return ['Area defined: ', h('strong', null, d.name)];
        case 'EnvoyAppointed':
            return [a(d.person), ` appointed ${d.office}, representing ${names.actor(d.represents)}`,
                d.appointedBy ? ` (by ${names.actor(d.appointedBy)})` : ''];
        case 'EnvoyLeft':
            return [a(d.person), ` left the office of ${d.office}`];
        case 'PositionStated':
            return [a(d.actor), ' ', h('span', {class: ['stance-tag', `stance-${d.stance}`]}, STANCE_LABEL[d.stance] || d.stance),
                ' ', d.issue ? names.issue(d.issue) : `proposal “${names.proposal(d.proposal)}”`,
                d.speaker ? ` — ${names.actor(d.speaker)}` : ''];
        case 'ProposalTabled':
            return [a(d.sponsor), ' tabled ', h('strong', null, `“${d.title}”`),
                ` (${(d.provisions || []).length} provisions)`];
        case 'ProposalAmended':
            return ['Proposal amended: ', h('strong', null, `“${names.proposal(d.proposal)}”`)];
        case 'ProposalWithdrawn':
            return ['Proposal withdrawn: ', h('strong', null, `“${names.proposal(d.proposal)}”`)];
        case 'TalksHeld':
            return [`Talks (${d.format}): `, h('strong', null, (d.participants || []).map(p => names.actor(p)).join(', ')),
                d.venue ? ` in ${d.venue}` : ''];
        case 'TerritoryControlChanged':
            return [h('strong', null, names.area(d.area)), `: ${d.status} by ${names.actor(d.controller)}`,
                d.previousController ? ` (before: ${names.actor(d.previousController)})` : ''];
        case 'CommitmentMade':
            return [a(d.actor), ` ${d.status} ${d.kind}`, d.recipient ? ` for ${names.actor(d.recipient)}` : '',
                d.amount !== undefined || d.unit ? `: ${fmtAmount(d.amount, d.unit)}` : ''];
        case 'DevelopmentRetracted':
            return ['Retraction of ', reference(d.target, names)];
        case 'DevelopmentCorrected':
            return ['Correction of ', reference(d.target, names,
                d.replacement && d.replacement.occurredOn ? ` (now dated ${fmtDate(d.replacement.occurredOn)})` : '')];
        default:
            return [d.type];
    }
}

function detailText(d) {
    switch (d.type) {
        case 'ProposalAmended': return d.note;
        case 'ProposalWithdrawn': return d.reason;
        case 'TalksHeld': return d.outcome;
        case 'CommitmentMade': return d.description;
        case 'DevelopmentRetracted': return d.reason;
        case 'EnvoyAppointed': return d.mandate ? `Mandate: ${d.mandate}` : null;
        case 'IssueDefined': return d.description;
        case 'PositionStated': return d.conditions ? `Conditions: ${d.conditions}` : null;
        default: return null;
    }
}

/** A standing mark (retracted/corrected) counts only when the amending development was known then. */
function amendedBy(id, names, known) {
    if (!id) {
        return null;
    }
    const by = names.byId.get(id);
    if (known !== null && by && Date.parse(by.recordedAt) > known) {
        return null;
    }
    return by || {id};
}

export function renderTimeline(list, developments, {names, knownAt, groups, limit, flashed}) {
    const known = knownAtMillis(knownAt);
    const allowed = new Set(TYPE_GROUPS.filter(g => groups.has(g.key)).flatMap(g => g.types));
    const shown = developments.filter(d => allowed.has(d.type));
    fill(list, shown.slice(0, limit).map(d => {
        const retraction = amendedBy(d.retractedBy, names, known);
        const corrections = (d.correctedBy || []).map(id => amendedBy(id, names, known)).filter(Boolean);
        const detail = detailText(d);
        return h('li', {
            class: ['dev', `type-${d.type}`, retraction ? 'retracted' : null, corrections.length ? 'corrected' : null,
                flashed && flashed.has(d.id) ? 'flash' : null],
            dataset: {development: d.id, type: d.type},
        },
        h('div', {class: 'dev-head'},
            h('time', {datetime: d.occurredOn, class: 'dev-date'}, fmtDate(d.occurredOn)),
            h('span', {class: 'dev-type'}, TYPE_LABEL[d.type] || d.type),
            retraction ? h('span', {class: 'badge badge-retracted'}, 'retracted') : null,
            corrections.length ? h('span', {class: 'badge badge-corrected'}, 'corrected') : null),
        h('p', {class: 'dev-summary'}, summary(d, names)),
        d.quote ? h('blockquote', {class: 'quote'}, d.quote) : null,
        detail ? h('p', {class: 'dev-detail'}, detail) : null,
        retraction ? h('p', {class: 'amend-note amend-retracted'}, 'Retracted',
            amendingReport(retraction) ? ` by ${amendingReport(retraction)}` : '',
            retraction.recordedAt ? ` (recorded ${fmtInstant(retraction.recordedAt)})` : '',
            retraction.reason ? `: ${retraction.reason}` : '', ' ', idTag(retraction.id)) : null,
        corrections.map(c => h('p', {class: 'amend-note'}, 'Corrected',
            amendingReport(c) ? ` by ${amendingReport(c)}` : '',
            c.recordedAt ? ` (recorded ${fmtInstant(c.recordedAt)})` : '',
            c.replacement && c.replacement.occurredOn ? `: now dated ${fmtDate(c.replacement.occurredOn)}` : '',
            ' ', idTag(c.id))),
        sourceLine(d.source));
    }));
    return shown.length;
}

// ---- diff -----------------------------------------------------------------------------------

const SECTION_LABEL = {
    actors: 'Actors', issues: 'Issues (convergence)', envoys: 'Envoys', positions: 'Positions', proposals: 'Proposals',
    territory: 'Territory', commitments: 'Commitments', talks: 'Talks',
};

function describe(section, value, names) {
    if (value === null || value === undefined) {
        return '—';
    }
    switch (section) {
        case 'positions':
            return `${STANCE_LABEL[value.stance] || value.stance}`
                + `${value.speaker ? ` (${names.actor(value.speaker)})` : ''}, since ${fmtDate(value.since)}`;
        case 'issues':
            return `convergence ${fmtConvergence(value.convergence)}`;
        case 'envoys':
            return `${value.office}, since ${fmtDate(value.since)}`;
        case 'proposals':
            return `${value.status}; support: ${(value.support || []).map(x => names.actor(x)).join(', ') || 'none'}; `
                + `opposition: ${(value.opposition || []).map(x => names.actor(x)).join(', ') || 'none'}`;
        case 'territory':
            return `${names.actor(value.controller)}, ${value.status}, since ${fmtDate(value.since)}`;
        case 'commitments':
            return `${value.status} ${value.kind}${value.amount !== undefined ? ` ${fmtAmount(value.amount, value.unit)}` : ''}`;
        case 'talks':
            return `${value.format}${value.venue ? ` in ${value.venue}` : ''}, ${fmtDate(value.occurredOn)}`;
        case 'actors':
            return value.name || '';
        default:
            return JSON.stringify(value);
    }
}

function keyLabel(section, key, value, names) {
    switch (section) {
        case 'positions': {
            const [actor, issue] = key.split('/');
            return `${names.actor(actor)} · ${names.issue(issue)}`;
        }
        case 'issues': return names.issue(key);
        case 'envoys': return names.actor(key);
        case 'proposals': return names.proposal(key);
        case 'territory': return names.area(key);
        case 'actors': return names.actor(key);
        default: {
            // commitments and talks are keyed by the development that made them: say who and when
            // (from the entry itself, else from the record), the key beside it for analysts
            const d = names.byId.get(key);
            const entry = value && typeof value === 'object' ? value : d;
            let label = null;
            if (section === 'commitments' && entry) {
                label = commitmentLabel(entry, names);
            } else if (section === 'talks' && entry) {
                label = andList((entry.participants || []).map(p => names.actor(p)));
            } else if (d) {
                return [developmentLabel(d, names), ' ', idTag(key)];
            }
            if (!label) {
                return key;
            }
            const date = entry.occurredOn || (d && d.occurredOn);
            return [`${label}${date ? `, ${fmtDate(date)}` : ''}`, ' ', idTag(key)];
        }
    }
}

export function renderDiff(container, diff, names) {
    const changes = diff.changes || [];
    if (changes.length === 0) {
        fill(container, h('p', {class: 'empty-note'}, `Nothing changed between ${fmtDate(diff.from)} and ${fmtDate(diff.to)}.`));
        return;
    }
    const sections = [...new Set(changes.map(c => c.section))];
    fill(container,
        h('p', {class: 'muted small'},
            `${changes.length} change${changes.length === 1 ? '' : 's'} from ${fmtDate(diff.from)} to ${fmtDate(diff.to)}`),
        sections.map(section => h('div', {class: 'diff-section'},
            h('h3', null, SECTION_LABEL[section] || section),
            h('ul', {class: 'diff-list'}, changes.filter(c => c.section === section).map(c => {
                const kind = c.before === null ? 'added' : c.after === null ? 'removed' : 'changed';
                return h('li', {class: ['diff', `diff-${kind}`], dataset: {section, key: c.key}},
                    h('span', {class: 'diff-kind'}, kind),
                    h('span', {class: 'diff-key'}, keyLabel(section, c.key, c.after || c.before, names)),
                    h('span', {class: 'diff-values'},
                        kind !== 'added' ? h('del', null, describe(section, c.before, names)) : null,
                        kind === 'changed' ? h('span', {'aria-hidden': 'true'}, ' → ') : null,
                        kind !== 'removed' ? h('ins', null, describe(section, c.after, names)) : null));
            })))));
}
