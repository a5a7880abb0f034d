// Words, dates and colours shared by every panel.

export const STANCES = ['rejects', 'opposes', 'open', 'supports', 'demands'];
export const STANCE_SCORE = {rejects: -2, opposes: -1, open: 0, supports: 1, demands: 2};
export const STANCE_LABEL = {
    rejects: 'Rejects', opposes: 'Opposes', open: 'Open', supports: 'Supports', demands: 'Demands',
};
/** Diverging red–blue (ColorBrewer RdBu), readable for red–green colour blindness; also in the CSS. */
export const STANCE_COLOUR = {
    rejects: '#b2182b', opposes: '#ef8a62', open: '#9e9e9e', supports: '#67a9cf', demands: '#2166ac',
};

export const TYPE_LABEL = {
    ProcessOpened: 'Process opened',
    ActorRegistered: 'Actor registered',
    IssueDefined: 'Issue defined',
    AreaDefined: 'Area defined',
    EnvoyAppointed: 'Envoy appointed',
    EnvoyLeft: 'Envoy left',
    PositionStated: 'Position stated',
    ProposalTabled: 'Proposal tabled',
    ProposalAmended: 'Proposal amended',
    ProposalWithdrawn: 'Proposal withdrawn',
    TalksHeld: 'Talks held',
    TerritoryControlChanged: 'Territory',
    CommitmentMade: 'Commitment',
    DevelopmentRetracted: 'Retraction',
    DevelopmentCorrected: 'Correction',
};

/** Filter groups for the timeline: what a reader looks for, not the 15 wire types one by one. */
export const TYPE_GROUPS = [
    {key: 'positions', label: 'Positions', types: ['PositionStated']},
    {key: 'proposals', label: 'Proposals', types: ['ProposalTabled', 'ProposalAmended', 'ProposalWithdrawn']},
    {key: 'envoys', label: 'Envoys & talks', types: ['EnvoyAppointed', 'EnvoyLeft', 'TalksHeld']},
    {key: 'ground', label: 'Territory & commitments', types: ['TerritoryControlChanged', 'CommitmentMade']},
    {key: 'record', label: 'Corrections', types: ['DevelopmentRetracted', 'DevelopmentCorrected']},
    {key: 'setup', label: 'Set-up', types: ['ProcessOpened', 'ActorRegistered', 'IssueDefined', 'AreaDefined']},
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-11-28" → "28 Nov 2024" (dates are calendar days: no time zone involved). */
export function fmtDate(iso) {
    if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(iso)) {
        return iso ?? '';
    }
    const [y, m, d] = iso.substring(0, 10).split('-').map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** An instant, in UTC, to the minute: "26 Nov 2024, 20:44 UTC". */
export function fmtInstant(iso) {
    if (typeof iso !== 'string') {
        return '';
    }
    const t = Date.parse(iso);
    if (Number.isNaN(t)) {
        return iso;
    }
    const s = new Date(t).toISOString();
    return `${fmtDate(s.substring(0, 10))}, ${s.substring(11, 16)} UTC`;
}

const DAY = 86400000;

export function dayNumber(iso) {
    return Math.round(Date.parse(iso.substring(0, 10) + 'T00:00:00Z') / DAY);
}

export function isoOfDay(n) {
    return new Date(n * DAY).toISOString().substring(0, 10);
}

export function addDays(iso, n) {
    return isoOfDay(dayNumber(iso) + n);
}

export function todayIso() {
    return new Date().toISOString().substring(0, 10);
}

/** A real calendar date written YYYY-MM-DD: "2024-02-29" is one, "2024-02-30" and "2024-13-45" are not. */
export function isIsoDate(s) {
    const m = typeof s === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
    if (!m) {
        return false;
    }
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day); // rolls an impossible day over into the next month
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A knownAt the server accepts: a calendar date (the end of that day, UTC), or an ISO instant with
 * its offset, as java.time.OffsetDateTime reads it ("2024-11-20T12:00:00Z", "2024-11-20T14:00+02:00").
 */
export function isKnownAt(s) {
    if (isIsoDate(s)) {
        return true;
    }
    const m = typeof s === 'string'
        ? /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})(?::\d{2})?)$/i.exec(s)
        : null;
    return Boolean(m) && isIsoDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] || 0) < 60
        && (m[5] === undefined || Number(m[5]) * 60 + Number(m[6]) <= 18 * 60) && !Number.isNaN(Date.parse(s));
}

/** A name for an actor id, from the state's actors; the id itself when unknown. */
export function nameOf(state, id) {
    if (!id) {
        return '';
    }
    const actor = state && state.actors && state.actors[id];
    return actor && actor.name ? actor.name : id;
}

export function issueTitle(state, id) {
    const issue = state && state.issues && state.issues[id];
    return issue && issue.title ? issue.title : id;
}

export function areaName(areas, id) {
    return areas && areas[id] ? areas[id] : id;
}

const RELIABILITY = {
    A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable', D: 'not usually reliable',
    E: 'unreliable', F: 'reliability cannot be judged',
};
const CREDIBILITY = {
    1: 'confirmed by other sources', 2: 'probably true', 3: 'possibly true', 4: 'doubtful', 5: 'improbable',
    6: 'truth cannot be judged',
};

/** The Admiralty grade of a source: "B2", and its meaning for a tooltip. */
export function admiralty(source) {
    if (!source || (!source.reliability && !source.credibility)) {
        return null;
    }
    const code = `${source.reliability ?? '?'}${source.credibility ?? '?'}`;
    const words = [];
    if (source.reliability) {
        words.push(`source ${RELIABILITY[source.reliability] ?? source.reliability}`);
    }
    if (source.credibility) {
        words.push(`information ${CREDIBILITY[source.credibility] ?? source.credibility}`);
    }
    return {code, meaning: `Admiralty grade ${code}: ${words.join('; ')}`};
}

export function fmtAmount(amount, unit) {
    if (amount === undefined || amount === null) {
        return unit ?? '';
    }
    let text;
    if (amount >= 1e9) {
        text = `${+(amount / 1e9).toFixed(1)} bn`;
    } else if (amount >= 1e6) {
        text = `${+(amount / 1e6).toFixed(1)} m`;
    } else {
        text = amount.toLocaleString('en-GB');
    }
    return unit ? `${text} ${unit}` : text;
}

export function fmtConvergence(value) {
    return typeof value === 'number' ? value.toFixed(2) : '—';
}
