// The stories view: search and filters whose state lives in the URL (so a view can be bookmarked and shared), the
// daily chart, the list of stories newest first with "Load more", and live stories from the stream.

import {api, ApiError} from './api.js';
import {renderDailyChart} from './chart.js';
import {el, replace} from './dom.js';
import {LANGUAGES, storyElement, topicLabel} from './story.js';

const PAGE_SIZE = 20;
const narrowScreen = window.matchMedia('(max-width: 50rem)');
/** URL parameters of this view; each is the API parameter of the same name (flagged=any: flagged or not). */
const FILTERS = ['q', 'topic', 'lang', 'source', 'since', 'until', 'minScore', 'flagged'];

/** The filters in `search` (a location.search string), as the API takes them. */
export function filtersFrom(search) {
    const url = new URLSearchParams(search);
    const filters = {};
    for (const name of FILTERS) {
        const value = url.get(name);
        if (value !== null && value.trim() !== '') {
            filters[name] = value.trim();
        }
    }
    // topic=a&topic=b and topic=a,b both work, as in the API.
    filters.topics = [...new Set(url.getAll('topic').flatMap(value => value.split(',')).map(t => t.trim())
        .filter(Boolean))];
    return filters;
}

/** flagged in the URL: absent = flagged stories (the dashboard's default), `any` = all, `false` = not flagged. */
function flaggedParameter(filters) {
    return filters.flagged === 'any' ? undefined : filters.flagged === 'false' ? 'false' : 'true';
}

function apiParameters(filters, cursor) {
    return {
        q: filters.q, topic: filters.topics.join(',') || undefined, lang: filters.lang, source: filters.source,
        since: filters.since, until: filters.until, minScore: filters.minScore,
        flagged: flaggedParameter(filters), limit: PAGE_SIZE, cursor,
    };
}

/** Whether a story from the stream belongs in the list as filtered (a text query cannot be checked here). */
function matches(item, filters) {
    if (filters.flagged === 'false') {
        return false; // the stream carries flagged stories only
    }
    const minScore = filters.minScore ? Number(filters.minScore) : null;
    const topics = item.topics || [];
    if (filters.topics.length > 0) {
        const hit = topics.some(topic => filters.topics.includes(topic.topic)
            && (minScore !== null ? topic.score >= minScore : topic.flagged));
        if (!hit) {
            return false;
        }
    } else if (minScore !== null && !topics.some(topic => topic.score >= minScore)) {
        return false;
    }
    if (filters.lang && (item.language || '').toLowerCase() !== filters.lang.toLowerCase()) {
        return false;
    }
    if (filters.source && item.source !== filters.source) {
        return false;
    }
    const published = item.publishedAt ? Date.parse(item.publishedAt) : NaN;
    if (filters.since && !(published >= Date.parse(dayOrInstant(filters.since, false)))) {
        return false;
    }
    if (filters.until && !(published < Date.parse(dayOrInstant(filters.until, true)))) {
        return false;
    }
    return true;
}

/** A UTC date as the API reads it: `since` from its first instant, `until` including the whole day. */
function dayOrInstant(value, isUntil) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const start = new Date(value + 'T00:00:00Z');
        return new Date(start.getTime() + (isUntil ? 86_400_000 : 0)).toISOString();
    }
    return value;
}

export class StoriesView {
    constructor({root, topics, announce, announceArrival, showError, navigate}) {
        this.root = root;
        this.topics = topics;
        this.announce = announce;
        this.announceArrival = announceArrival;
        this.paused = false;
        this.waiting = []; // live stories held while paused
        this.showError = showError;
        this.navigate = navigate;
        this.filters = filtersFrom('');
        this.nextCursor = null;
        this.shown = new Set();
        this.missedByQuery = 0;
        this.loading = null;
        this.build();
    }

    build() {
        const topicChoices = this.topics.map(topic => el('label', {class: 'choice'},
            el('input', {type: 'checkbox', name: 'topic', value: topic.id}), ' ', topicLabel(topic.id)));
        this.form = el('form', {class: 'filters', role: 'search', 'aria-label': 'Search and filter stories',
                onsubmit: event => { event.preventDefault(); this.submitFilters(); }},
            el('div', {class: 'field wide'},
                el('label', {for: 'filter-q'}, 'Search'),
                el('input', {id: 'filter-q', name: 'q', type: 'search', maxlength: 500,
                    placeholder: 'words, "a phrase", -excluded', autocomplete: 'off'})),
            el('fieldset', {class: 'field'}, el('legend', {}, 'Topics'), topicChoices),
            el('div', {class: 'field'},
                el('label', {for: 'filter-lang'}, 'Language'),
                el('select', {id: 'filter-lang', name: 'lang'},
                    el('option', {value: ''}, 'Any language'),
                    [...LANGUAGES, ['und', 'Unknown']].map(([code, name]) => el('option', {value: code}, name)))),
            el('div', {class: 'field'},
                el('label', {for: 'filter-source'}, 'Source'),
                el('input', {id: 'filter-source', name: 'source', type: 'text', placeholder: 'exact source name',
                    autocomplete: 'off'})),
            el('div', {class: 'field'},
                el('label', {for: 'filter-since'}, 'From'),
                el('input', {id: 'filter-since', name: 'since', type: 'date'})),
            el('div', {class: 'field'},
                el('label', {for: 'filter-until'}, 'To'),
                el('input', {id: 'filter-until', name: 'until', type: 'date'})),
            el('div', {class: 'field'},
                el('label', {for: 'filter-min-score'}, 'Minimum score (0–1)'),
                el('input', {id: 'filter-min-score', name: 'minScore', type: 'number', min: 0, max: 1, step: 'any',
                    inputmode: 'decimal'})),
            el('div', {class: 'field'},
                el('label', {class: 'choice'}, el('input', {type: 'checkbox', name: 'flagged', value: 'any',
                    id: 'filter-any'}), ' Include stories not flagged')),
            el('div', {class: 'actions'},
                el('button', {type: 'submit'}, 'Search'),
                el('a', {href: '?', class: 'button-link', onclick: event => {
                    event.preventDefault();
                    this.navigate('?');
                }}, 'Clear filters')));

        this.summary = el('p', {class: 'result-summary', id: 'result-summary'});
        this.newBanner = el('p', {class: 'new-banner', hidden: true});
        this.pauseButton = el('button', {type: 'button', class: 'secondary', id: 'pause-live', 'aria-pressed': 'false',
            onclick: () => this.setPaused(!this.paused)}, 'Pause live updates');
        this.heading = el('h2', {id: 'stories-heading'}, 'Flagged stories');
        this.list = el('ol', {class: 'stories', id: 'story-list', 'aria-labelledby': 'stories-heading'});
        this.more = el('button', {type: 'button', class: 'secondary', hidden: true, id: 'load-more',
            onclick: () => this.loadPage()}, 'Load more stories');
        this.chart = el('div', {class: 'chart-box', id: 'daily-chart'});
        this.chartTable = el('div');
        // Filters beside the list on a wide screen; folded above it on a phone, open when some are set.
        this.filterBox = el('details', {class: 'filter-box', open: !narrowScreen.matches},
            el('summary', {}, 'Search and filters'), this.form);
        replace(this.root,
            el('div', {class: 'view-heading'}, this.heading, this.pauseButton),
            el('p', {class: 'hint'}, 'Each badge is a topic the story was flagged for, with its score from 0 to 1 '
                + '(how strongly the story is about the topic). The highlighted phrases are what made the flag.'),
            el('div', {class: 'stories-layout'},
                el('div', {class: 'filter-column'}, this.filterBox),
                el('div', {class: 'list-column'},
                    el('section', {class: 'panel chart-panel', 'aria-labelledby': 'chart-heading'},
                        el('h3', {id: 'chart-heading'}, 'Flagged stories per day'),
                        el('p', {class: 'hint'}, 'For the topics and dates chosen (the last 30 days by default); '
                            + 'the other filters do not apply to the chart.'),
                        this.chart,
                        el('details', {}, el('summary', {}, 'Show the numbers as a table'), this.chartTable)),
                    this.summary, this.newBanner, this.list, this.more)));
    }

    /** Shows the filters of `search` and loads the first page and the chart. */
    show(search) {
        this.filters = filtersFrom(search);
        for (const element of this.form.elements) {
            if (element.name === 'topic') {
                element.checked = this.filters.topics.includes(element.value);
            } else if (element.name === 'flagged') {
                element.checked = this.filters.flagged === 'any';
            } else if (element.name === 'since' || element.name === 'until') {
                // A date input shows dates only; an instant from a shared URL is shown as its UTC date.
                element.value = (this.filters[element.name] || '').slice(0, 10);
            } else if (element.name) {
                const value = this.filters[element.name] || '';
                if (element.tagName === 'SELECT' && value && ![...element.options].some(o => o.value === value)) {
                    element.append(el('option', {value}, value)); // a language this list does not name
                }
                element.value = value;
            }
        }
        this.heading.textContent = this.filters.flagged === 'any' ? 'Stories'
            : this.filters.flagged === 'false' ? 'Stories not flagged' : 'Flagged stories';
        if (this.hasFilters()) {
            this.filterBox.open = true;
        }
        replace(this.list);
        this.shown.clear();
        this.nextCursor = null;
        this.missedByQuery = 0;
        this.waiting = [];
        this.newBanner.hidden = true;
        this.summary.textContent = 'Loading stories…';
        this.loadPage();
        this.loadChart();
    }

    submitFilters() {
        const data = new FormData(this.form);
        const url = new URLSearchParams();
        for (const name of FILTERS) {
            if (name === 'topic') {
                const topics = data.getAll('topic');
                if (topics.length) {
                    url.set('topic', topics.join(','));
                }
            } else {
                let value = (data.get(name) || '').toString().trim();
                const before = this.filters[name] || '';
                if ((name === 'since' || name === 'until') && before.slice(0, 10) === value) {
                    value = before; // an instant from a shared URL stays as precise as it was
                }
                if (name === 'flagged' && !value && before === 'false') {
                    value = 'false';
                }
                if (value) {
                    url.set(name, value);
                }
            }
        }
        const query = url.toString();
        this.navigate(query ? '?' + query : '?');
    }

    async loadPage() {
        const cursor = this.nextCursor;
        const filters = this.filters;
        this.more.disabled = true;
        try {
            const page = await api.get('/articles', apiParameters(filters, cursor));
            if (filters !== this.filters) {
                return; // the filters changed meanwhile
            }
            let firstAdded = null;
            for (const item of page.items) {
                if (!this.shown.has(item.id)) {
                    this.shown.add(item.id);
                    const story = storyElement(item);
                    firstAdded ||= story;
                    this.list.append(story);
                }
            }
            if (cursor && firstAdded && document.activeElement === this.more) {
                firstAdded.querySelector('a, h3')?.focus(); // "Load more" may vanish: the reader goes on from the first new story
            }
            this.nextCursor = page.nextCursor || null;
            this.more.hidden = !this.nextCursor;
            this.showCount();
            if (!cursor) {
                this.announce(this.summary.textContent);
            }
        } catch (error) {
            this.showValidation(error);
        } finally {
            this.more.disabled = false;
        }
    }

    showCount() {
        const count = this.list.children.length;
        this.summary.textContent = count === 0
            ? (this.hasFilters() ? 'No story matches these filters.' : 'No flagged story yet. New ones appear here as they are classified.')
            : `${count} ${count === 1 ? 'story' : 'stories'} shown${this.nextCursor ? ', more below' : ''}.`;
    }

    hasFilters() {
        return FILTERS.some(name => this.filters[name]);
    }

    showValidation(error) {
        if (error instanceof ApiError && error.fieldText) {
            this.summary.textContent = 'The filters were refused: ' + error.fieldText;
        } else {
            this.summary.textContent = 'The stories could not be loaded.';
            this.showError(error);
        }
    }

    async loadChart() {
        const filters = this.filters;
        // The chart covers the chosen days (at most a year) or the last 30 days, for the chosen topics.
        const since = filters.since && /^\d{4}-\d{2}-\d{2}/.test(filters.since) ? filters.since.slice(0, 10) : undefined;
        const until = filters.until && /^\d{4}-\d{2}-\d{2}/.test(filters.until) ? filters.until.slice(0, 10) : undefined;
        try {
            const stats = await api.get('/stats/daily', {since, until, topic: filters.topics.join(',') || undefined});
            if (filters === this.filters) {
                renderDailyChart(this.chart, this.chartTable, stats);
            }
        } catch (error) {
            replace(this.chart, el('p', {class: 'empty'}, 'The chart could not be loaded: ' + error.message));
        }
    }

    /** After the stream was interrupted: the newest page again, adding what is not shown yet as new. */
    async catchUp() {
        const filters = this.filters;
        const missed = [];
        // A story is flagged when it is classified, but sorted by when it was published, often hours earlier: what
        // was missed can lie anywhere in the part of the list shown. So the pages that cover it are read again
        // (at most 5; older stories come with "Load more").
        const times = [...this.list.children].map(story => Date.parse(story.dataset.published) || 0);
        const oldestShown = times.length ? Math.min(...times) : 0;
        try {
            let cursor;
            for (let pages = 0; pages < 5; pages += 1) {
                const page = await api.get('/articles', apiParameters(filters, cursor));
                missed.push(...page.items.filter(item => !this.shown.has(item.id)
                    && (Date.parse(item.publishedAt || '') || 0) >= oldestShown));
                cursor = page.nextCursor;
                const last = page.items[page.items.length - 1];
                if (!cursor || !last || times.length === 0 || (Date.parse(last.publishedAt || '') || 0) < oldestShown) {
                    break;
                }
            }
        } catch (error) {
            // the next interruption tries again; the list stays as it is
        }
        if (filters === this.filters) {
            missed.reverse().forEach(item => this.arrive(item));
        }
    }

    /** A story from the live stream: put in its place when it matches the filters. */
    addLive(item) {
        if (this.shown.has(item.id)) {
            return;
        }
        if (this.filters.q) {
            // Full-text matching happens in the database; offer a reload instead of guessing.
            if (matches(item, this.filters)) {
                this.missedByQuery += 1;
                replace(this.newBanner, `${this.missedByQuery} new flagged ${this.missedByQuery === 1 ? 'story' : 'stories'} may match your search. `,
                    el('button', {type: 'button', class: 'secondary', onclick: () => this.show(location.search)}, 'Refresh the list'));
                this.newBanner.hidden = false;
            }
            return;
        }
        if (matches(item, this.filters)) {
            this.arrive(item);
        }
    }

    /** A new story: shown at once, or held while live updates are paused. */
    arrive(item) {
        if (!this.paused) {
            this.insert(item);
            return;
        }
        if (!this.waiting.some(waiting => waiting.id === item.id)) {
            this.waiting.push(item);
        }
        const count = this.waiting.length;
        replace(this.newBanner, `${count} new ${count === 1 ? 'story' : 'stories'} held while live updates are paused. `,
            el('button', {type: 'button', class: 'secondary', onclick: () => this.setPaused(false)}, 'Show them'));
        this.newBanner.hidden = false;
    }

    setPaused(paused) {
        this.paused = paused;
        this.pauseButton.setAttribute('aria-pressed', String(paused));
        this.pauseButton.textContent = paused ? 'Resume live updates' : 'Pause live updates';
        if (!paused) {
            this.newBanner.hidden = true;
            const held = this.waiting;
            this.waiting = [];
            held.forEach(item => this.insert(item));
        }
    }

    /** Puts a story not shown yet in its place by publication time, marked new. */
    insert(item) {
        if (this.shown.has(item.id)) {
            return;
        }
        const published = Date.parse(item.publishedAt || '') || 0;
        const later = [...this.list.children].find(story => (Date.parse(story.dataset.published) || 0) < published);
        if (!later && this.nextCursor) {
            return; // older than everything shown while more pages exist: it will come with them
        }
        this.shown.add(item.id);
        const story = storyElement(item, {isNew: true});
        this.list.insertBefore(story, later || null);
        this.showCount();
        this.announceArrival();
        // The chart follows, once for a burst of stories.
        clearTimeout(this.chartRefresh);
        this.chartRefresh = setTimeout(() => this.loadChart(), 5000);
    }
}
