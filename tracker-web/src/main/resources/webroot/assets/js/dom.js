// Building the page from data without ever parsing data as markup: every string from the API
// goes in through textContent or setAttribute, never innerHTML.

/**
 * h('td', {class: 'x', title: quote, dataset: {actor: 'ru'}, on: {click: fn}}, 'text', childNode, [more])
 * Children that are strings or numbers become text nodes; null, undefined and false are skipped.
 */
export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
        for (const [name, value] of Object.entries(attrs)) {
            if (value === undefined || value === null || value === false) {
                continue;
            }
            if (name === 'class') {
                el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
            } else if (name === 'dataset') {
                for (const [k, v] of Object.entries(value)) {
                    if (v !== undefined && v !== null) {
                        el.dataset[k] = String(v);
                    }
                }
            } else if (name === 'on') {
                for (const [event, handler] of Object.entries(value)) {
                    el.addEventListener(event, handler);
                }
            } else if (name === 'text') {
                el.textContent = String(value);
            } else if (name === 'hidden' || name === 'disabled' || name === 'checked' || name === 'selected') {
                el[name] = Boolean(value);
            } else if (name === 'value') {
                el.value = String(value);
            } else {
                el.setAttribute(name, value === true ? '' : String(value));
            }
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(el, child);
        } else if (child instanceof Node) {
            el.appendChild(child);
        } else {
            el.appendChild(document.createTextNode(String(child)));
        }
    }
}

/** Replaces an element's children (no markup parsing). */
export function fill(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

export function byId(id) {
    return document.getElementById(id);
}

/** An outbound link, only for http(s) URLs; anything else (javascript:, data:) becomes plain text. */
export function safeLink(url, text, attrs = {}) {
    const href = safeUrl(url);
    if (!href) {
        return h('span', attrs, text ?? url ?? '');
    }
    return h('a', {href, rel: 'noopener noreferrer nofollow', target: '_blank', ...attrs}, text ?? href);
}

export function safeUrl(url) {
    if (typeof url !== 'string') {
        return null;
    }
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) {
        return null;
    }
}
