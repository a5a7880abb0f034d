// The REST reads of DESIGN.md. With TRACKER_TOKENS set on the server, the page's ?token= goes out
// as a bearer token on every request (and as access_token on the websocket, see live.js).

const params = new URLSearchParams(location.search);
export const token = params.get('token') || null;

export class ApiError extends Error {
    constructor(status, detail) {
        super(detail);
        this.status = status;
    }
}

/** The base of the API, relative to the page (so the dashboard also works under a path prefix). */
export function apiUrl(path, query) {
    const url = new URL('api/' + path, document.baseURI);
    if (query) {
        for (const [k, v] of Object.entries(query)) {
            if (v !== undefined && v !== null && v !== '') {
                url.searchParams.set(k, v);
            }
        }
    }
    return url;
}

export async function getJson(path, query, signal) {
    const headers = {Accept: 'application/json'};
    if (token) {
        headers.Authorization = 'Bearer ' + token;
    }
    const response = await fetch(apiUrl(path, query), {headers, signal, cache: 'no-store'});
    if (!response.ok) {
        let detail = response.statusText;
        try {
            const problem = await response.json();
            detail = problem.detail || problem.title || detail;
        } catch (e) {
            // not a problem document: keep the status text
        }
        throw new ApiError(response.status, detail);
    }
    return response.json();
}

const enc = encodeURIComponent;

export const api = {
    processes: () => getJson('processes'),
    state: (p, asOf, knownAt) => getJson(`processes/${enc(p)}/state`, {asOf, knownAt}),
    history: (p, actor, issue, knownAt) =>
        getJson(`processes/${enc(p)}/positions/${enc(actor)}/${enc(issue)}/history`, {knownAt}),
    diff: (p, from, to, knownAt) => getJson(`processes/${enc(p)}/diff`, {from, to, knownAt}),
    development: (p, id) => getJson(`processes/${enc(p)}/developments/${enc(id)}`),
    timelinePage: (p, query, signal) => getJson(`processes/${enc(p)}/timeline`, query, signal),
};

/** Every development of a process in valid-time order, page by page (at most `max`). */
export async function wholeTimeline(process, signal, max = 20000) {
    const all = [];
    let cursor = null;
    do {
        const page = await api.timelinePage(process, {limit: 1000, cursor}, signal);
        all.push(...page.developments);
        cursor = page.next;
    } while (cursor && all.length < max);
    return all;
}
