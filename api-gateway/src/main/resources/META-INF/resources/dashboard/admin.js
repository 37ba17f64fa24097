// For administrators: feed health (failing, silent and disabled feeds first), adding a feed, OPML import, and API
// keys (create, shown once; revoke).

import {allPages, api, ApiError} from './api.js';
import {dataTable, el, formatDateTime, replace, safeHref, secretField, timeElement} from './dom.js';

const MAX_OPML_BYTES = 1024 * 1024; // the gateway refuses larger bodies

/**
 * How a feed is doing, worst first: disabled, failing, silent (read successfully, but not for three of its poll
 * intervals, or never with an item), pending (not polled yet), ok.
 */
export function feedCondition(feed, now = Date.now()) {
    const health = feed.health || {};
    if (!feed.enabled || health.status === 'disabled') {
        return {rank: 0, label: 'disabled'};
    }
    if (health.status === 'failing') {
        return {rank: 1, label: 'failing'};
    }
    if (health.status === 'pending' || !health.lastSuccessAt) {
        return {rank: 3, label: 'pending'};
    }
    const interval = (feed.effectivePollIntervalSeconds || feed.pollIntervalSeconds || 300) * 1000;
    const lastSuccess = Date.parse(health.lastSuccessAt);
    if (now - lastSuccess > Math.max(3 * interval, 3_600_000) || health.itemsSeen === 0) {
        return {rank: 2, label: 'silent'};
    }
    return {rank: 4, label: 'ok'};
}

function problemText(error) {
    return error instanceof ApiError && error.fieldText ? error.message + ' — ' + error.fieldText : error.message;
}

export class FeedsView {
    constructor({root, announce, showError}) {
        this.root = root;
        this.announce = announce;
        this.showError = showError;
        this.build();
    }

    build() {
        this.addResult = el('div', {role: 'status', class: 'form-result'});
        this.importResult = el('div', {role: 'status', class: 'form-result'});
        this.table = el('div', {id: 'feed-health'});
        this.counts = el('p', {class: 'result-summary'});
        replace(this.root,
            el('h2', {}, 'Feeds'),
            el('div', {class: 'two-columns'},
                el('form', {class: 'panel', id: 'add-feed-form', onsubmit: event => { event.preventDefault(); this.add(event.target); }},
                    el('h3', {}, 'Add a feed'),
                    el('label', {for: 'feed-url'}, 'Feed URL (RSS, Atom, RDF or JSON Feed)'),
                    el('input', {id: 'feed-url', name: 'url', type: 'url', required: true, placeholder: 'https://example.org/feed.xml'}),
                    el('label', {for: 'feed-interval'}, 'Poll every (seconds, optional, at least 60)'),
                    el('input', {id: 'feed-interval', name: 'interval', type: 'number', min: 60, max: 86400, step: 1}),
                    el('div', {class: 'actions'}, el('button', {type: 'submit'}, 'Add feed')),
                    this.addResult),
                el('form', {class: 'panel', id: 'import-form', onsubmit: event => { event.preventDefault(); this.importOpml(event.target); }},
                    el('h3', {}, 'Import an OPML file'),
                    el('label', {for: 'opml-file'}, 'OPML file (a list of feeds exported from a reader)'),
                    el('input', {id: 'opml-file', name: 'file', type: 'file', accept: '.opml,.xml,text/x-opml,application/xml,text/xml', required: true}),
                    el('div', {class: 'actions'}, el('button', {type: 'submit'}, 'Import')),
                    this.importResult)),
            el('h3', {}, 'Feed health'),
            this.counts,
            this.table);
    }

    async show() {
        try {
            const {items, complete} = await allPages('/feeds', {limit: 200}, 5000);
            const now = Date.now();
            const rows = items.map(feed => ({feed, condition: feedCondition(feed, now)}))
                .sort((a, b) => a.condition.rank - b.condition.rank
                    || (b.feed.health?.consecutiveFailures || 0) - (a.feed.health?.consecutiveFailures || 0)
                    || (a.feed.title || a.feed.url).localeCompare(b.feed.title || b.feed.url));
            const tally = {};
            rows.forEach(row => { tally[row.condition.label] = (tally[row.condition.label] || 0) + 1; });
            this.counts.textContent = items.length === 0 ? 'No feed yet: add one or import an OPML file.'
                : `${items.length} feeds: ` + ['disabled', 'failing', 'silent', 'pending', 'ok']
                    .filter(label => tally[label]).map(label => `${tally[label]} ${label}`).join(', ')
                    + (complete ? '' : ' (only the first 5,000 are shown)');
            replace(this.table, items.length === 0 ? null : dataTable({label: 'Feed health', id: 'feed-table',
                headers: ['Feed', 'Condition', 'Last success', 'Last error', 'Failures in a row', 'Items seen', 'Next poll', ''],
                rows: rows.map(row => this.row(row.feed, row.condition))}));
        } catch (error) {
            replace(this.table, el('p', {}, 'The feeds could not be loaded: ' + error.message));
            this.showError(error);
        }
    }

    row(feed, condition) {
        const health = feed.health || {};
        const site = safeHref(feed.url);
        const error = health.lastError;
        return el('tr', {'data-id': feed.id, 'data-condition': condition.label},
            el('th', {scope: 'row', dir: 'auto'}, feed.title || '(no title yet)', el('br'),
                el('span', {class: 'meta url'}, site ? el('a', {href: site, rel: 'noopener noreferrer', target: '_blank'}, feed.url) : feed.url)),
            el('td', {}, el('span', {class: 'status status-' + condition.label}, condition.label),
                feed.disabledReason ? el('span', {class: 'meta'}, ' (' + feed.disabledReason + ')') : null),
            el('td', {}, timeElement(health.lastSuccessAt)),
            el('td', {}, error ? `${error.stage} ${error.kind}: ${error.message}` : ''),
            el('td', {}, String(health.consecutiveFailures ?? 0)),
            el('td', {}, String(health.itemsSeen ?? 0)),
            el('td', {}, feed.enabled ? timeElement(health.nextPollAt) : '—'),
            el('td', {}, el('div', {class: 'row-actions'}, feed.enabled
                ? el('button', {type: 'button', class: 'secondary', onclick: () => this.pollNow(feed)}, 'Poll now')
                : el('button', {type: 'button', class: 'secondary', onclick: () => this.enable(feed)}, 'Enable'))));
    }

    async pollNow(feed) {
        try {
            await api.post(`/feeds/${feed.id}/poll`);
            this.announce(`“${feed.title || feed.url}” will be polled now.`);
            setTimeout(() => this.show(), 3000);
        } catch (error) {
            this.showError(error);
        }
    }

    async enable(feed) {
        try {
            await api.patch(`/feeds/${feed.id}`, {enabled: true});
            this.announce(`“${feed.title || feed.url}” enabled.`);
            await this.show();
            this.table.querySelector(`tr[data-id="${feed.id}"] button`)?.focus();
        } catch (error) {
            this.showError(error);
        }
    }

    async add(form) {
        const body = {url: form.elements.url.value.trim()};
        if (form.elements.interval.value) {
            body.pollIntervalSeconds = Number(form.elements.interval.value);
        }
        this.addResult.textContent = 'Adding…';
        try {
            const feed = await api.post('/feeds', body);
            this.addResult.textContent = `Added “${feed.title || feed.url}”; it is being polled now.`;
            form.reset();
            await this.show();
        } catch (error) {
            this.addResult.textContent = 'Not added: ' + problemText(error);
        }
    }

    async importOpml(form) {
        const file = form.elements.file.files[0];
        if (!file) {
            return;
        }
        if (file.size > MAX_OPML_BYTES) {
            this.importResult.textContent = 'This file is larger than 1 MiB; split it into smaller files.';
            return;
        }
        this.importResult.textContent = 'Importing…';
        try {
            // The file's own bytes: its XML declaration says its encoding, which the collector reads.
            const result = await api.post('/feeds/import', file, {contentType: 'text/x-opml'});
            replace(this.importResult, 'Imported: ' + importSummary(result),
                result?.rejected?.length ? el('ul', {}, result.rejected.map(rejected =>
                    el('li', {}, `${rejected.url}: ${rejected.reason}`))) : null);
            form.reset();
            await this.show();
        } catch (error) {
            this.importResult.textContent = 'Not imported: ' + problemText(error);
        }
    }
}

/** The import's answer in words, whatever counts it carries. */
function importSummary(result) {
    if (!result || typeof result !== 'object') {
        return 'done.';
    }
    const parts = [];
    for (const [name, value] of Object.entries(result)) {
        if (typeof value === 'number') {
            parts.push(`${value} ${name}`);
        } else if (Array.isArray(value)) {
            parts.push(`${value.length} ${name}`);
        }
    }
    return parts.length ? parts.join(', ') + '.' : 'done.';
}

export class KeysView {
    constructor({root, announce, showError, focusHeading}) {
        this.root = root;
        this.focusHeading = focusHeading;
        this.announce = announce;
        this.showError = showError;
        this.build();
    }

    build() {
        this.created = el('div', {class: 'created', role: 'status'});
        this.list = el('div', {id: 'key-list'});
        replace(this.root,
            el('h2', {}, 'API keys'),
            el('form', {class: 'panel', id: 'create-key-form', onsubmit: event => { event.preventDefault(); this.create(event.target); }},
                el('h3', {}, 'Create a key'),
                el('label', {for: 'key-name'}, 'Name (who or what uses it)'),
                el('input', {id: 'key-name', name: 'name', required: true, maxlength: 200}),
                el('label', {for: 'key-role'}, 'Role'),
                el('select', {id: 'key-role', name: 'role'},
                    el('option', {value: 'reader'}, 'reader — stories, search, stats, stream'),
                    el('option', {value: 'subscriber'}, 'subscriber — reader, plus its own subscriptions'),
                    el('option', {value: 'admin'}, 'admin — everything, feeds and keys included')),
                el('label', {for: 'key-owner'}, 'Owner (optional: keys with one owner share subscriptions)'),
                el('input', {id: 'key-owner', name: 'owner', pattern: '[A-Za-z0-9._@:+\\-]+', maxlength: 100}),
                el('div', {class: 'actions'}, el('button', {type: 'submit'}, 'Create key'))),
            // Outside the form: resetting the form after a creation must not empty the key just shown.
            this.created,
            el('h3', {}, 'Keys'),
            this.list);
    }

    async create(form) {
        const body = {name: form.elements.name.value.trim(), role: form.elements.role.value};
        if (form.elements.owner.value.trim()) {
            body.owner = form.elements.owner.value.trim();
        }
        try {
            const key = await api.post('/keys', body);
            replace(this.created,
                el('p', {}, el('strong', {}, `Key “${key.name}” (${key.role}) created. Copy it now: it is shown only this once.`)),
                secretField({id: 'new-api-key', label: 'New API key', secret: key.key}));
            form.reset();
            await this.show();
        } catch (error) {
            replace(this.created, el('p', {}, 'Not created: ' + problemText(error)));
        }
    }

    async show() {
        try {
            const {items} = await allPages('/keys', {limit: 100}, 2000);
            replace(this.list, dataTable({label: 'API keys', headers: ['Name', 'Role', 'Owner', 'Created', 'State', ''],
                rows: items.map(key => el('tr', {'data-id': key.id},
                    el('th', {scope: 'row'}, key.name),
                    el('td', {}, key.role),
                    el('td', {}, key.owner || ''),
                    el('td', {}, formatDateTime(key.createdAt)),
                    el('td', {}, key.revokedAt ? 'revoked ' + formatDateTime(key.revokedAt) : 'active'),
                    el('td', {}, key.revokedAt ? '' : el('button', {type: 'button', class: 'danger',
                        onclick: () => this.revoke(key)}, 'Revoke'))))}));
        } catch (error) {
            replace(this.list, el('p', {}, 'The keys could not be loaded: ' + error.message));
            this.showError(error);
        }
    }

    async revoke(key) {
        if (!confirm(`Revoke the key “${key.name}”? Whatever uses it stops working at once.`)) {
            return;
        }
        try {
            await api.delete(`/keys/${key.id}`);
            this.announce(`Key “${key.name}” revoked.`);
            await this.show();
            this.focusHeading();
        } catch (error) {
            this.showError(error);
        }
    }
}
