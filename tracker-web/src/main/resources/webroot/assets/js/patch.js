// RFC 6902 JSON Patch, the operations the live protocol sends: add, remove, replace, move, copy,
// test. Paths are RFC 6901 JSON Pointers. applyPatch works on the document in place and returns
// the new root (an operation on the root path "" replaces it); it throws PatchError when an
// operation cannot apply, and the caller then asks for a fresh snapshot.

export class PatchError extends Error {
}

function parsePointer(pointer) {
    if (pointer === '') {
        return [];
    }
    if (typeof pointer !== 'string' || pointer[0] !== '/') {
        throw new PatchError(`invalid JSON Pointer: ${pointer}`);
    }
    return pointer.substring(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function arrayIndex(arr, token, forAdd) {
    if (forAdd && token === '-') {
        return arr.length;
    }
    if (!/^(0|[1-9][0-9]*)$/.test(token)) {
        throw new PatchError(`invalid array index: ${token}`);
    }
    const i = Number(token);
    if (forAdd ? i > arr.length : i >= arr.length) {
        throw new PatchError(`array index out of bounds: ${token}`);
    }
    return i;
}

function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The container holding the pointer's last token, and that token. */
function locate(doc, tokens) {
    let node = doc;
    for (let i = 0; i < tokens.length - 1; i++) {
        const t = tokens[i];
        if (Array.isArray(node)) {
            node = node[arrayIndex(node, t, false)];
        } else if (isObject(node) && has(node, t)) {
            node = node[t];
        } else {
            throw new PatchError(`path not found: /${tokens.slice(0, i + 1).join('/')}`);
        }
    }
    if (!Array.isArray(node) && !isObject(node)) {
        throw new PatchError(`not a container: /${tokens.slice(0, -1).join('/')}`);
    }
    return [node, tokens[tokens.length - 1]];
}

function get(doc, pointer) {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
        return doc;
    }
    const [parent, key] = locate(doc, tokens);
    if (Array.isArray(parent)) {
        return parent[arrayIndex(parent, key, false)];
    }
    if (!has(parent, key)) {
        throw new PatchError(`path not found: ${pointer}`);
    }
    return parent[key];
}

function add(doc, pointer, value) {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
        return value;
    }
    const [parent, key] = locate(doc, tokens);
    if (Array.isArray(parent)) {
        parent.splice(arrayIndex(parent, key, true), 0, value);
    } else {
        parent[key] = value;
    }
    return doc;
}

function remove(doc, pointer) {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
        throw new PatchError('cannot remove the whole document');
    }
    const [parent, key] = locate(doc, tokens);
    if (Array.isArray(parent)) {
        return parent.splice(arrayIndex(parent, key, false), 1)[0];
    }
    if (!has(parent, key)) {
        throw new PatchError(`path not found: ${pointer}`);
    }
    const value = parent[key];
    delete parent[key];
    return value;
}

function replace(doc, pointer, value) {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
        return value;
    }
    const [parent, key] = locate(doc, tokens);
    if (Array.isArray(parent)) {
        parent[arrayIndex(parent, key, false)] = value;
    } else {
        if (!has(parent, key)) {
            throw new PatchError(`path not found: ${pointer}`);
        }
        parent[key] = value;
    }
    return doc;
}

export function deepEqual(a, b) {
    if (a === b) {
        return true;
    }
    if (Array.isArray(a)) {
        return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
    }
    if (isObject(a) && isObject(b)) {
        const ka = Object.keys(a);
        return ka.length === Object.keys(b).length && ka.every(k => has(b, k) && deepEqual(a[k], b[k]));
    }
    return false;
}

function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export function applyPatch(doc, patch) {
    if (!Array.isArray(patch)) {
        throw new PatchError('a patch is an array of operations');
    }
    for (const op of patch) {
        if (!op || typeof op.path !== 'string') {
            throw new PatchError('an operation needs a path');
        }
        switch (op.op) {
            case 'add':
                requireValue(op);
                doc = add(doc, op.path, clone(op.value));
                break;
            case 'remove':
                remove(doc, op.path);
                break;
            case 'replace':
                requireValue(op);
                doc = replace(doc, op.path, clone(op.value));
                break;
            case 'move': {
                if (typeof op.from !== 'string') {
                    throw new PatchError('move needs from');
                }
                if (op.path !== op.from && op.path.startsWith(op.from + '/')) {
                    throw new PatchError('cannot move a value into itself');
                }
                if (op.path === op.from) {
                    get(doc, op.from); // must exist; otherwise a no-op
                    break;
                }
                const value = remove(doc, op.from);
                doc = add(doc, op.path, value);
                break;
            }
            case 'copy':
                if (typeof op.from !== 'string') {
                    throw new PatchError('copy needs from');
                }
                doc = add(doc, op.path, clone(get(doc, op.from)));
                break;
            case 'test':
                requireValue(op);
                if (!deepEqual(get(doc, op.path), op.value)) {
                    throw new PatchError(`test failed at ${op.path}`);
                }
                break;
            default:
                throw new PatchError(`unknown operation: ${op.op}`);
        }
    }
    return doc;
}

function requireValue(op) {
    if (!('value' in op)) {
        throw new PatchError(`${op.op} needs a value`);
    }
}
