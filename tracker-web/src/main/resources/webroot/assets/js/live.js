// The live protocol of DESIGN.md from the page's side: one websocket to /api/live, one subscription
// for the view on screen (process, asOf, knownAt). A snapshot sets the state; each update's JSON
// Patch is applied to a copy of the last state, in offset order, and an update whose offset is not
// above the last one applied is ignored, so none is ever applied twice. After a drop the client
// reconnects (backing off) and resubscribes with `since` = the last offset, receiving what it missed
// and then "resumed" (or a fresh snapshot). A patch that does not apply asks for a fresh snapshot.
// A past view hears nothing of developments dated after it: a second subscription on the same
// socket, to the live view of the process (see setWatch), tells the page of every new development,
// so that it keeps the process's span current; its states are not kept.

import {applyPatch} from './patch.js';
import {token} from './api.js';

const KEEPALIVE_MS = 20000;   // send a ping this often
const SILENCE_MS = 50000;     // nothing heard for this long: the connection is dead, reconnect

function sameView(a, b) {
    return !!a && !!b && a.process === b.process && a.asOf === b.asOf && (a.knownAt || null) === (b.knownAt || null);
}

export class LiveClient {
    /**
     * @param onState  (state, info) => void, info = {kind: 'snapshot'|'update', development?, patch?, offset}
     * @param onStatus (status, detail) => void, status = 'connecting'|'connected'|'reconnecting'|'offline'
     * @param onError  (reason) => void, an error message about the current subscription
     */
    constructor({onState, onStatus, onError, onWatch}) {
        this.onState = onState;
        this.onWatch = onWatch || (() => {});
        this.onStatus = onStatus;
        this.onError = onError || (() => {});
        this.socket = null;
        this.view = null;          // the view wanted on screen
        this.heldView = null;      // the view that `state` and `lastOffset` belong to
        this.state = null;
        this.lastOffset = null;
        this.subId = null;
        this.counter = 0;
        this.attempt = 0;
        this.reconnectTimer = null;
        this.keepaliveTimer = null;
        this.lastHeard = 0;
        this.ignored = 0;          // updates ignored as already applied (for tests and curiosity)
        this.snapshots = 0;        // snapshots received
        this.resumes = 0;          // resubscriptions answered with "resumed"
        this.status = 'connecting';
        this.watch = null;         // the process whose live view is watched for new developments
        this.watchId = null;
        this.watchOffset = null;
        window.addEventListener('online', () => this.reconnectNow());
        document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible') {
                this.reconnectNow();
            }
        });
    }

    connect() {
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = null;
        const url = new URL('api/live', document.baseURI);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        if (token) {
            url.searchParams.set('access_token', token);
        }
        this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
        let socket;
        try {
            socket = new WebSocket(url.href);
        } catch (e) {
            this.scheduleReconnect();
            return;
        }
        this.socket = socket;
        socket.onopen = () => {
            if (socket !== this.socket) {
                return;
            }
            this.attempt = 0;
            this.lastHeard = Date.now();
            this.setStatus('connected');
            this.keepalive();
            if (this.view) {
                this.subscribe();
            }
            if (this.watch) {
                this.subscribeWatch();
            }
        };
        socket.onmessage = event => {
            if (socket !== this.socket) {
                return;
            }
            this.lastHeard = Date.now();
            let message;
            try {
                message = JSON.parse(event.data);
            } catch (e) {
                return;
            }
            this.receive(message);
        };
        socket.onclose = event => {
            if (socket !== this.socket) {
                return;
            }
            this.socket = null;
            this.subId = null;
            this.watchId = null;
            clearInterval(this.keepaliveTimer);
            this.scheduleReconnect(event.reason);
        };
        socket.onerror = () => {
            // onclose follows and reconnects
        };
    }

    /** Shows another view: unsubscribes the old one and subscribes the new (a snapshot follows). */
    setView(view) {
        if (sameView(view, this.view)) {
            return;
        }
        this.view = {...view};
        if (this.socket && this.socket.readyState === WebSocket.OPEN) {
            if (this.subId) {
                this.send({op: 'unsubscribe', id: this.subId});
                this.subId = null;
            }
            this.subscribe();
        }
    }

    subscribe() {
        const view = this.view;
        this.subId = `dash-${++this.counter}`;
        const request = {op: 'subscribe', id: this.subId, process: view.process, asOf: view.asOf};
        if (view.knownAt) {
            request.knownAt = view.knownAt;
        }
        if (sameView(view, this.heldView) && this.lastOffset !== null) {
            request.since = this.lastOffset; // resume: only what we missed
        } else {
            this.heldView = null;
            this.state = null;
            this.lastOffset = null;
        }
        this.send(request);
    }

    /**
     * Watches the live view of `process` (null: none) for new developments, reported to onWatch as
     * {kind: 'snapshot'|'update', development?, offset}; for a past view, which hears nothing of them.
     */
    setWatch(process) {
        const wanted = process || null;
        if (wanted === this.watch) {
            return;
        }
        if (this.watchId) {
            this.send({op: 'unsubscribe', id: this.watchId});
            this.watchId = null;
        }
        this.watch = wanted;
        this.watchOffset = null;
        if (wanted && this.socket && this.socket.readyState === WebSocket.OPEN) {
            this.subscribeWatch();
        }
    }

    /** After a drop, with `since`: the developments missed meanwhile, or a fresh snapshot. */
    subscribeWatch() {
        this.watchId = `watch-${++this.counter}`;
        const request = {op: 'subscribe', id: this.watchId, process: this.watch, asOf: 'live'};
        if (this.watchOffset !== null) {
            request.since = this.watchOffset;
        }
        this.send(request);
    }

    receiveWatch(message) {
        switch (message.type) {
            case 'snapshot':
                this.watchOffset = message.offset;
                this.onWatch({kind: 'snapshot', offset: message.offset});
                break;
            case 'update':
                if (typeof message.offset !== 'number' || (this.watchOffset !== null && message.offset <= this.watchOffset)) {
                    return;
                }
                this.watchOffset = message.offset;
                this.onWatch({kind: 'update', development: message.development, offset: message.offset});
                break;
            case 'resumed':
                if (typeof message.offset === 'number' && message.offset > this.watchOffset) {
                    this.watchOffset = message.offset;
                }
                break;
            default:
                break; // an error about the watch: the page only misses an early extension of its span
        }
    }

    /** Asks for a fresh snapshot of the current view (after a patch that did not apply). */
    resync() {
        this.heldView = null;
        this.state = null;
        this.lastOffset = null;
        if (this.socket && this.socket.readyState === WebSocket.OPEN) {
            if (this.subId) {
                this.send({op: 'unsubscribe', id: this.subId});
            }
            this.subscribe();
        }
    }

    receive(message) {
        if (message.type === 'pong' || message.type === 'unsubscribed') {
            return;
        }
        if (this.watchId && message.id === this.watchId) {
            this.receiveWatch(message);
            return;
        }
        if (message.id !== this.subId) {
            return; // about a subscription we have left (a date scrubbed past)
        }
        switch (message.type) {
            case 'snapshot':
                this.snapshots++;
                this.state = message.state;
                this.lastOffset = message.offset;
                this.heldView = {...this.view};
                this.onState(this.state, {kind: 'snapshot', offset: message.offset});
                break;
            case 'update': {
                if (this.lastOffset === null || this.state === null) {
                    return; // no state to patch yet: the snapshot comes first
                }
                if (typeof message.offset !== 'number' || message.offset <= this.lastOffset) {
                    this.ignored++;
                    return; // already applied
                }
                let next;
                try {
                    next = applyPatch(structuredClone(this.state), message.patch);
                } catch (e) {
                    console.warn('live update did not apply; asking for a fresh snapshot', e);
                    this.resync();
                    return;
                }
                this.state = next;
                this.lastOffset = message.offset;
                this.onState(next, {
                    kind: 'update', development: message.development, patch: message.patch, offset: message.offset,
                });
                break;
            }
            case 'resumed':
                this.resumes++;
                if (typeof message.offset === 'number' && message.offset > this.lastOffset) {
                    this.lastOffset = message.offset; // nothing of this view changed up to there
                }
                this.setStatus('connected', 'resumed');
                break;
            case 'error':
                this.onError(message.reason || 'the server refused the subscription');
                break;
            default:
                break;
        }
    }

    send(message) {
        if (this.socket && this.socket.readyState === WebSocket.OPEN) {
            this.socket.send(JSON.stringify(message));
        }
    }

    keepalive() {
        clearInterval(this.keepaliveTimer);
        this.keepaliveTimer = setInterval(() => {
            if (!this.socket) {
                return;
            }
            if (Date.now() - this.lastHeard > SILENCE_MS) {
                this.socket.close(4000, 'silent');
                this.dropped();
                return;
            }
            this.send({op: 'ping'});
        }, KEEPALIVE_MS);
    }

    /** Treats the socket as gone at once (a close handshake on a dead network can take minutes). */
    dropped() {
        if (this.socket) {
            const s = this.socket;
            this.socket = null;
            this.subId = null;
            this.watchId = null;
            clearInterval(this.keepaliveTimer);
            try {
                s.close();
            } catch (e) {
                // already closing
            }
        }
        this.scheduleReconnect();
    }

    scheduleReconnect(reason) {
        clearTimeout(this.reconnectTimer);
        if (this.stopped) {
            return;
        }
        this.attempt++;
        const delay = Math.min(15000, 500 * 2 ** Math.min(this.attempt - 1, 5)) * (0.8 + Math.random() * 0.4);
        this.setStatus(this.attempt > 3 ? 'offline' : 'reconnecting', {delay, reason});
        this.reconnectTimer = setTimeout(() => this.connect(), delay);
    }

    reconnectNow() {
        if (!this.socket && this.reconnectTimer && !this.stopped) {
            this.connect();
        }
    }

    /** Stops for good (the server refuses us: a token is needed); no more reconnections. */
    stop(status = 'offline', detail) {
        this.stopped = true;
        clearTimeout(this.reconnectTimer);
        clearInterval(this.keepaliveTimer);
        this.reconnectTimer = null;
        const s = this.socket;
        this.socket = null;
        if (s) {
            s.close();
        }
        this.setStatus(status, detail);
    }

    setStatus(status, detail) {
        this.status = status;
        this.onStatus(status, detail);
    }
}
