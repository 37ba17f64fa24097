// The live stream (GET /api/v1/stream, Server-Sent Events) read with fetch: EventSource cannot send an
// Authorization header, and the key must not go into the URL. Reconnects by itself with Last-Event-ID, so the
// gateway replays what was missed, backing off while the gateway is away.

import {apiUrl, authorization} from './api.js';

const HEARTBEAT_SILENCE_MS = 45_000; // the gateway sends a heartbeat every 15 s; three missed = a dead connection
const MAX_BACKOFF_MS = 30_000;
const STABLE_MS = 10_000; // a connection that lasted this long resets the back-off

/** The wait before the next try: doubling up to 30 s, at least Retry-After, spread ±20 % so clients don't all come at once. */
function backoff(failures, retryAfterSeconds) {
    const doubling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures - 1, 5));
    const base = Math.max(doubling, Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 0);
    return Math.round(base * (0.8 + Math.random() * 0.4));
}

export class FlaggedStoryStream {
    /**
     * onStory(item): each flagged story; onState({state, detail, retryInMs, resumed}): 'connecting', 'live'
     * (resumed: after an interruption), 'waiting' (reconnecting after retryInMs) or 'stopped' (the key was refused);
     * onGap(): the gateway could not replay everything this page missed.
     */
    constructor({onStory, onState, onGap}) {
        this.onStory = onStory;
        this.onState = onState;
        this.onGap = onGap;
        this.stableTimer = null;
        this.lastEventId = null;
        this.failures = 0;
        this.controller = null;
        this.retryTimer = null;
        this.running = false;
    }

    start() {
        if (this.running) {
            return;
        }
        this.running = true;
        this.connect();
    }

    stop() {
        this.running = false;
        clearTimeout(this.retryTimer);
        this.controller?.abort();
    }

    /** Reconnect at once (the browser came back online, or the user asked). */
    retryNow() {
        if (this.running) {
            clearTimeout(this.retryTimer);
            this.controller?.abort();
            this.connect();
        }
    }

    async connect() {
        const controller = new AbortController();
        this.controller = controller;
        this.onState({state: 'connecting'});
        let watchdog;
        const feedWatchdog = () => {
            clearTimeout(watchdog);
            watchdog = setTimeout(() => controller.abort(), HEARTBEAT_SILENCE_MS);
        };
        let problem = 'The connection was closed.';
        let retryAfter = NaN;
        try {
            const headers = {...authorization(), Accept: 'text/event-stream'};
            if (this.lastEventId !== null) {
                headers['Last-Event-ID'] = this.lastEventId;
            }
            feedWatchdog();
            const response = await fetch(apiUrl('/stream'), {headers, signal: controller.signal, cache: 'no-store'});
            if (response.status === 401 || response.status === 403) {
                this.running = false;
                this.onState({state: 'stopped', detail: 'The key was refused by the stream.'});
                if (response.status === 401) {
                    document.dispatchEvent(new CustomEvent('newswatch:unauthorized'));
                }
                return;
            }
            if (!response.ok || !response.body) {
                problem = `The stream answered ${response.status}.`;
                retryAfter = Number(response.headers.get('Retry-After'));
            } else {
                await this.read(response.body, feedWatchdog);
            }
        } catch (failure) {
            problem = controller.signal.aborted && this.running
                ? 'Nothing arrived for a while.' : 'The connection was lost.';
        } finally {
            clearTimeout(watchdog);
            clearTimeout(this.stableTimer);
        }
        if (!this.running || controller !== this.controller) {
            return;
        }
        this.failures += 1;
        const delay = backoff(this.failures, retryAfter);
        this.onState({state: 'waiting', detail: problem, retryInMs: delay});
        this.retryTimer = setTimeout(() => this.connect(), delay);
    }

    async read(body, feedWatchdog) {
        const reader = body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        let event = {data: [], type: 'message', id: null};
        for (;;) {
            const {value, done} = await reader.read();
            if (done) {
                return;
            }
            feedWatchdog();
            buffer += value;
            let newline;
            while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
                if (newline === buffer.length - 1 && buffer.endsWith('\r')) {
                    break; // a CR last in a chunk may be the first half of a CRLF: wait for the next chunk
                }
                const line = buffer.slice(0, newline);
                buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
                if (line === '') {
                    this.dispatch(event);
                    event = {data: [], type: 'message', id: null};
                } else {
                    this.field(event, line);
                }
            }
        }
    }

    field(event, line) {
        if (line.startsWith(':')) {
            if (line.startsWith(':connected')) {
                const resumed = this.failures > 0;
                clearTimeout(this.stableTimer);
                this.stableTimer = setTimeout(() => { this.failures = 0; }, STABLE_MS);
                this.onState({state: 'live', resumed});
            } else if (line.startsWith(':older missed events were not replayed')) {
                this.onGap?.();
            }
            return;
        }
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
            value = value.slice(1);
        }
        if (name === 'data') {
            event.data.push(value);
        } else if (name === 'event') {
            event.type = value;
        } else if (name === 'id') {
            event.id = value;
        }
    }

    dispatch(event) {
        if (event.id !== null) {
            this.lastEventId = event.id;
        }
        if (event.type !== 'article.flagged' || event.data.length === 0) {
            return;
        }
        try {
            this.onStory(JSON.parse(event.data.join('\n')));
        } catch (failure) {
            console.warn('newswatch: an unreadable stream event was skipped', failure);
        }
    }
}
