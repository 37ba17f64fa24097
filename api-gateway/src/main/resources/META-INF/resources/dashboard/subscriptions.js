// Subscriptions: create one (with a preview of what it would have caught before saving), list them, see a
// delivery log, pause, resume and delete. A webhook's signing secret is shown once, right after creation.

import {allPages, api, ApiError} from './api.js';
import {dataTable, el, formatDateTime, replace, safeHref, secretField} from './dom.js';
import {LANGUAGES, scoreText, topicLabel} from './story.js';

/** Keywords typed one per line or comma-separated; a quoted phrase stays one keyword. */
export function parseKeywords(text) {
    const keywords = [];
    for (const match of text.matchAll(/\s*"([^"]+)"|([^,\n]+)/g)) {
        const phrase = match[1] !== undefined ? `"${match[1].trim()}"` : match[2].trim();
        if (phrase && phrase !== '""') {
            keywords.push(phrase);
        }
    }
    return keywords;
}

function channelText(channel) {
    if (!channel) {
        return '';
    }
    if (channel.type === 'webhook') {
        return 'Webhook to ' + channel.url;
    }
    const state = channel.unsubscribed ? 'unsubscribed' : channel.confirmed ? 'confirmed' : 'waiting for confirmation';
    return `E-mail to ${channel.address} (${state})`;
}

function modeText(subscription) {
    if (subscription.mode !== 'digest' || !subscription.digest) {
        return 'Immediately';
    }
    const digest = subscription.digest;
    return digest.frequency === 'hourly' ? 'Hourly digest'
        : `Daily digest at ${String(digest.hour ?? 0).padStart(2, '0')}:00 ${digest.timeZone || 'UTC'}`;
}

export class SubscriptionsView {
    constructor({root, topics, announce, showError, canSeeAll, focusHeading}) {
        this.root = root;
        this.focusHeading = focusHeading;
        this.topics = topics;
        this.announce = announce;
        this.showError = showError;
        this.canSeeAll = canSeeAll;
        this.build();
    }

    build() {
        const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
        this.formErrors = el('div', {class: 'form-errors', role: 'alert'});
        this.form = el('form', {class: 'subscription-form', id: 'subscription-form', novalidate: true,
                onsubmit: event => { event.preventDefault(); this.create(); }},
            el('div', {class: 'field wide'},
                el('label', {for: 'sub-name'}, 'Name'),
                el('input', {id: 'sub-name', name: 'name', maxlength: 200, placeholder: 'e.g. ICC sanctions for the legal team'})),
            el('fieldset', {class: 'field'}, el('legend', {}, 'Topics (at least one)'),
                this.topics.map(topic => el('label', {class: 'choice', title: topic.description || ''},
                    el('input', {type: 'checkbox', name: 'topics', value: topic.id}), ' ', topicLabel(topic.id)))),
            el('div', {class: 'field wide'},
                el('label', {for: 'sub-keywords'}, 'Keywords (optional; comma-separated, "quoted phrases" allowed)'),
                el('input', {id: 'sub-keywords', name: 'keywords', placeholder: 'sanctions, "Rome Statute"'}),
                el('span', {class: 'choice-row'},
                    el('label', {class: 'choice'}, el('input', {type: 'radio', name: 'keywordsMode', value: 'any', checked: true}), ' any of them'),
                    el('label', {class: 'choice'}, el('input', {type: 'radio', name: 'keywordsMode', value: 'all'}), ' all of them'))),
            el('div', {class: 'field'},
                el('label', {for: 'sub-min-score'}, 'Minimum score (0–1; empty: 0.5)'),
                el('input', {id: 'sub-min-score', name: 'minScore', type: 'number', min: 0, max: 1, step: 'any', inputmode: 'decimal'})),
            el('fieldset', {class: 'field'}, el('legend', {}, 'Languages (none ticked: all)'),
                LANGUAGES.map(([code, name]) => el('label', {class: 'choice'},
                    el('input', {type: 'checkbox', name: 'languages', value: code}), ' ', name))),
            el('fieldset', {class: 'field wide'}, el('legend', {}, 'Deliver to'),
                el('span', {class: 'choice-row'},
                    el('label', {class: 'choice'}, el('input', {type: 'radio', name: 'channelType', value: 'webhook', checked: true,
                        onchange: () => this.syncChannel()}), ' a webhook (signed HTTP POST)'),
                    el('label', {class: 'choice'}, el('input', {type: 'radio', name: 'channelType', value: 'email',
                        onchange: () => this.syncChannel()}), ' an e-mail address')),
                el('div', {class: 'channel-webhook'},
                    el('label', {for: 'sub-url'}, 'Webhook URL'),
                    el('input', {id: 'sub-url', name: 'url', type: 'url', placeholder: 'https://hooks.example.org/newswatch'})),
                el('div', {class: 'channel-email', hidden: true},
                    el('label', {for: 'sub-address'}, 'E-mail address'),
                    el('input', {id: 'sub-address', name: 'address', type: 'email', autocomplete: 'email'}))),
            el('fieldset', {class: 'field wide'}, el('legend', {}, 'When'),
                el('span', {class: 'choice-row'},
                    el('label', {class: 'choice'}, el('input', {type: 'radio', name: 'mode', value: 'immediate', checked: true,
                        onchange: () => this.syncChannel()}), ' immediately'),
                    el('label', {class: 'choice'}, el('input', {type: 'radio', name: 'mode', value: 'digest', disabled: true,
                        onchange: () => this.syncChannel()}), ' in a digest (e-mail only)')),
                el('div', {class: 'digest-options', hidden: true},
                    el('label', {for: 'sub-frequency'}, 'Digest'),
                    el('select', {id: 'sub-frequency', name: 'frequency'},
                        el('option', {value: 'daily'}, 'daily'), el('option', {value: 'hourly'}, 'hourly')),
                    el('label', {for: 'sub-hour'}, 'at hour (0–23)'),
                    el('input', {id: 'sub-hour', name: 'hour', type: 'number', min: 0, max: 23, value: 7}),
                    el('label', {for: 'sub-zone'}, 'time zone'),
                    el('input', {id: 'sub-zone', name: 'timeZone', value: timeZone}))),
            this.formErrors,
            el('div', {class: 'actions'},
                el('label', {for: 'preview-days'}, 'Preview the last'),
                el('select', {id: 'preview-days', name: 'previewDays'},
                    [1, 3, 7, 14, 30].map(days => el('option', {value: days, selected: days === 7}, `${days} days`))),
                el('button', {type: 'button', class: 'secondary', id: 'preview-button', onclick: () => this.preview()}, 'Preview'),
                el('button', {type: 'submit', id: 'create-subscription'}, 'Create subscription')));
        this.previewBox = el('section', {class: 'panel preview', id: 'subscription-preview', hidden: true,
            'aria-live': 'polite', 'aria-label': 'Preview'});
        this.created = el('section', {class: 'panel created', id: 'subscription-created', hidden: true, tabindex: -1,
            'aria-label': 'Subscription created'});
        this.list = el('div', {id: 'subscription-list'});
        this.deliveries = el('section', {class: 'panel', id: 'delivery-log', hidden: true, tabindex: -1,
            'aria-label': 'Delivery log'});
        replace(this.root,
            el('h2', {}, 'Subscriptions'),
            el('p', {class: 'intro'}, 'Be told of new flagged stories by webhook or e-mail, with the reason each was flagged. '
                + 'Try a subscription on recent stories with Preview before you create it.'),
            el('details', {class: 'panel', open: true, id: 'new-subscription'}, el('summary', {class: 'summary-heading'}, 'New subscription'),
                this.form, this.previewBox),
            this.created,
            el('h3', {}, this.canSeeAll ? 'All subscriptions' : 'Your subscriptions'),
            this.list,
            this.deliveries);
    }

    syncChannel() {
        const data = new FormData(this.form);
        const email = data.get('channelType') === 'email';
        this.form.querySelector('.channel-webhook').hidden = email;
        this.form.querySelector('.channel-email').hidden = !email;
        // Digests are e-mails; a webhook is told of each story at once.
        const digest = this.form.querySelector('input[name=mode][value=digest]');
        digest.disabled = !email;
        if (!email && digest.checked) {
            this.form.querySelector('input[name=mode][value=immediate]').checked = true;
        }
        this.form.querySelector('.digest-options').hidden = !(email && digest.checked);
    }

    /** The subscription the form describes, as POST /subscriptions takes it. */
    draft() {
        const data = new FormData(this.form);
        const body = {
            topics: data.getAll('topics'),
            keywords: parseKeywords(String(data.get('keywords') || '')),
            keywordsMode: data.get('keywordsMode'),
            languages: data.getAll('languages'),
            mode: data.get('mode'),
            channel: data.get('channelType') === 'email'
                ? {type: 'email', address: String(data.get('address') || '').trim()}
                : {type: 'webhook', url: String(data.get('url') || '').trim()},
        };
        const name = String(data.get('name') || '').trim();
        if (name) {
            body.name = name;
        }
        const minScore = String(data.get('minScore') || '').trim();
        if (minScore) {
            body.minScore = Number(minScore);
        }
        if (body.mode === 'digest') {
            body.digest = data.get('frequency') === 'hourly' ? {frequency: 'hourly'}
                : {frequency: 'daily', hour: Number(data.get('hour') || 0), timeZone: String(data.get('timeZone') || 'UTC')};
        }
        return body;
    }

    showFormError(error) {
        for (const input of this.form.querySelectorAll('[aria-invalid]')) {
            input.removeAttribute('aria-invalid');
        }
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
            replace(this.formErrors, el('p', {}, error.message),
                error.fieldErrors.length ? el('ul', {}, error.fieldErrors.map(e => {
                    const input = this.inputFor(e.field);
                    input?.setAttribute('aria-invalid', 'true');
                    const label = input ? this.form.querySelector(`label[for="${input.id}"]`)?.textContent : null;
                    return el('li', {}, `${label || e.field}: ${e.message}`);
                })) : null);
            this.form.querySelector('[aria-invalid="true"]')?.focus();
        } else {
            replace(this.formErrors);
            this.showError(error);
        }
    }

    /** The form's input for an API field name (`channel.url`, `topics[0]`, `digest.hour`…), if it has one. */
    inputFor(field) {
        const name = {'channel.url': 'url', 'channel.address': 'address', 'digest.hour': 'hour',
            'digest.timeZone': 'timeZone', 'digest.frequency': 'frequency'}[field] || field.replace(/\[\d+\]$/, '');
        const input = this.form.elements[name];
        return input instanceof RadioNodeList ? input[0] : input || null;
    }

    localCheck(body) {
        if (body.topics.length === 0) {
            replace(this.formErrors, el('p', {}, 'Choose at least one topic.'));
            return false;
        }
        replace(this.formErrors);
        return true;
    }

    async preview() {
        const body = this.draft();
        if (!this.localCheck(body)) {
            return;
        }
        const days = this.form.elements.previewDays.value;
        // The channel does not change what matches; a preview needs none.
        const {channel, ...criteria} = body;
        replace(this.previewBox, el('p', {}, 'Looking through the stories of the last ' + days + ' days…'));
        this.previewBox.hidden = false;
        try {
            const result = await api.post('/subscriptions/preview', criteria, {params: {days}});
            replace(this.previewBox,
                el('h4', {}, `Preview: ${result.matched} of ${result.scanned} stories of the last ${result.days} days would have been sent`),
                result.items.length ? el('ol', {class: 'preview-list'}, result.items.map(story => {
                    const href = safeHref(story.url);
                    return el('li', {},
                        href ? el('a', {href, rel: 'noopener noreferrer', target: '_blank', dir: 'auto'}, story.title || '(untitled)')
                            : el('span', {dir: 'auto'}, story.title || '(untitled)'),
                        el('span', {class: 'meta'}, ' — ', story.source || '', ', ', formatDateTime(story.publishedAt), ' — ',
                            (story.topics || []).map(t => `${topicLabel(t.topic)} ${scoreText(t.score)}`).join(', '),
                            story.keywords?.length ? ' — keywords: ' + story.keywords.join(', ') : ''));
                })) : el('p', {}, 'Nothing in that period would have been sent. Try more days, fewer keywords or a lower minimum score.'));
        } catch (error) {
            this.previewBox.hidden = true;
            this.showFormError(error);
        }
    }

    async create() {
        const body = this.draft();
        if (!this.localCheck(body)) {
            return;
        }
        try {
            const subscription = await api.post('/subscriptions', body);
            this.showCreated(subscription);
            this.form.reset();
            this.syncChannel();
            this.previewBox.hidden = true;
            this.announce(`Subscription “${subscription.name}” created.`);
            await this.load();
        } catch (error) {
            this.showFormError(error);
        }
    }

    showCreated(subscription) {
        const parts = [el('h3', {}, `Subscription “${subscription.name}” created`)];
        if (subscription.secret) {
            parts.push(
                el('p', {}, el('strong', {}, 'Copy this signing secret now: it is shown only this once.'),
                    ' Your receiver needs it to check that each webhook really comes from newswatch.'),
                secretField({id: 'webhook-secret', label: 'Webhook signing secret', secret: subscription.secret}),
                el('p', {class: 'hint'}, 'Each webhook is a POST with the headers webhook-id, webhook-timestamp and '
                    + 'webhook-signature (the Standard Webhooks format). To verify one, compute HMAC-SHA256 over '
                    + '“webhook-id.webhook-timestamp.body” with the base64-decoded part of the secret after “whsec_”, '
                    + 'and compare its base64 with the value after “v1,” in webhook-signature; reject old timestamps. '
                    + 'Any Standard Webhooks library does this for you.'));
        } else if (subscription.channel?.type === 'email') {
            parts.push(el('p', {}, `A confirmation mail was sent to ${subscription.channel.address}. `
                + 'Nothing is sent to that address until the link in it is followed.'));
        }
        replace(this.created, parts, el('button', {type: 'button', class: 'secondary',
            onclick: () => { this.created.hidden = true; replace(this.created); this.focusHeading(); }}, 'Done'));
        this.created.hidden = false;
        this.created.focus();
    }

    async show() {
        await this.load();
    }

    async load() {
        try {
            const {items, complete} = await allPages('/subscriptions', {limit: 200}, 1000);
            if (items.length === 0) {
                replace(this.list, el('p', {class: 'empty'}, 'No subscription yet.'));
                return;
            }
            replace(this.list, dataTable({label: 'Subscriptions', id: 'subscription-table',
                headers: ['Name', 'Topics and filters', 'Delivery', 'Status', 'Actions'],
                rows: items.map(subscription => this.row(subscription))}),
                complete ? null : el('p', {}, 'Only the first 1,000 are shown.'));
        } catch (error) {
            replace(this.list, el('p', {class: 'empty'}, 'The subscriptions could not be loaded: ' + error.message));
            this.showError(error);
        }
    }

    row(subscription) {
        const filters = [subscription.topics.map(topicLabel).join(', ')];
        if (subscription.keywords?.length) {
            filters.push(`keywords (${subscription.keywordsMode || 'any'}): ${subscription.keywords.join(', ')}`);
        }
        if (subscription.minScore) {
            filters.push('score ≥ ' + scoreText(subscription.minScore));
        }
        if (subscription.languages?.length) {
            filters.push('languages: ' + subscription.languages.join(', '));
        }
        if (subscription.sources?.length) {
            filters.push('sources: ' + subscription.sources.join(', '));
        }
        const active = subscription.status === 'active';
        const status = subscription.status + (subscription.disabledReason ? ` (${subscription.disabledReason})` : '');
        return el('tr', {'data-id': subscription.id},
            el('th', {scope: 'row'}, subscription.name, this.canSeeAll && subscription.owner
                ? el('span', {class: 'meta'}, ' owner ' + subscription.owner) : null),
            el('td', {}, filters.join('; ')),
            el('td', {}, channelText(subscription.channel), el('br'), el('span', {class: 'meta'}, modeText(subscription))),
            el('td', {}, el('span', {class: 'status status-' + subscription.status}, status)),
            el('td', {}, el('div', {class: 'row-actions'},
                el('button', {type: 'button', class: 'secondary', onclick: () => this.showDeliveries(subscription)},
                    'Delivery log'),
                el('button', {type: 'button', class: 'secondary', 'data-action': 'toggle',
                    onclick: () => this.setActive(subscription, !active)}, active ? 'Pause' : 'Resume'),
                el('button', {type: 'button', class: 'danger', onclick: () => this.remove(subscription)}, 'Delete'))));
    }

    async setActive(subscription, active) {
        try {
            await api.post(`/subscriptions/${subscription.id}/${active ? 'resume' : 'pause'}`);
            this.announce(`Subscription “${subscription.name}” ${active ? 'resumed' : 'paused'}.`);
            await this.load();
            // The table was rebuilt: the focus goes to the same row's new Pause/Resume button.
            this.list.querySelector(`tr[data-id="${subscription.id}"] button[data-action=toggle]`)?.focus();
        } catch (error) {
            this.showError(error);
        }
    }

    async remove(subscription) {
        if (!confirm(`Delete the subscription “${subscription.name}” and its delivery log?`)) {
            return;
        }
        try {
            await api.delete(`/subscriptions/${subscription.id}`);
            this.announce(`Subscription “${subscription.name}” deleted.`);
            this.deliveries.hidden = true;
            await this.load();
            this.focusHeading();
        } catch (error) {
            this.showError(error);
        }
    }

    async showDeliveries(subscription) {
        replace(this.deliveries, el('h3', {}, `Delivery log of “${subscription.name}”`), el('p', {}, 'Loading…'));
        this.deliveries.hidden = false;
        this.deliveries.focus();
        try {
            const page = await api.get(`/subscriptions/${subscription.id}/deliveries`, {limit: 20});
            const entries = page.items || [];
            const titles = await this.titles(entries.map(entry => entry.articleId));
            replace(this.deliveries, el('h3', {}, `Delivery log of “${subscription.name}”`),
                entries.length === 0 ? el('p', {class: 'empty'}, 'Nothing has been sent yet.')
                    : dataTable({label: 'Deliveries',
                        headers: ['Story', 'State', 'Attempts', 'Created', 'Delivered or next try', 'Last error', ''],
                        rows: entries.map(entry => el('tr', {'data-id': entry.id},
                            el('td', {dir: 'auto'}, titles.get(entry.articleId) || entry.articleId),
                            el('td', {}, entry.state + (entry.lastStatus ? ` (HTTP ${entry.lastStatus})` : '')),
                            el('td', {}, String(entry.attempts?.length ?? 0)),
                            el('td', {}, formatDateTime(entry.createdAt)),
                            el('td', {}, entry.deliveredAt ? formatDateTime(entry.deliveredAt)
                                : entry.nextAttemptAt ? 'next try ' + formatDateTime(entry.nextAttemptAt) : '—'),
                            el('td', {}, entry.lastError || ''),
                            el('td', {}, entry.state === 'failed' ? el('button', {type: 'button', class: 'secondary',
                                onclick: () => this.redeliver(subscription, entry)}, 'Send again') : '')))}),
                page.nextCursor ? el('p', {}, 'The 20 newest deliveries are shown.') : null);
        } catch (error) {
            replace(this.deliveries, el('p', {}, 'The delivery log could not be loaded: ' + error.message));
        }
    }

    async redeliver(subscription, entry) {
        try {
            await api.post(`/subscriptions/${subscription.id}/deliveries/${entry.id}/redeliver`);
            this.announce('The delivery will be tried again now.');
            await this.showDeliveries(subscription);
        } catch (error) {
            this.showError(error);
        }
    }

    /** Story titles for a delivery log (the log holds article ids). */
    async titles(ids) {
        const titles = new Map();
        await Promise.all([...new Set(ids)].slice(0, 50).map(async id => {
            try {
                titles.set(id, (await api.get('/articles/' + encodeURIComponent(id))).title);
            } catch {
                // unknown to the read model (yet): the id is shown
            }
        }));
        return titles;
    }
}
