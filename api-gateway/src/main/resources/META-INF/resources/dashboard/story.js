// One story as the dashboard shows it: title linking to the source, source, language, time, topic badges with
// scores, the matched phrases highlighted in the title and summary, and a plain sentence saying why it was flagged.

import {el, safeHref, timeElement} from './dom.js';

const SUMMARY_LIMIT = 600;

/** The languages the classifier tells apart (any other story is `und`), with their names. */
export const LANGUAGES = [['en', 'English'], ['fr', 'French'], ['es', 'Spanish'], ['de', 'German'], ['nl', 'Dutch'],
    ['ar', 'Arabic']];

/** "icc-sanctions" → "ICC sanctions": what a topic id reads as for people. */
export function topicLabel(id) {
    const small = new Set(['and', 'of', 'the', 'in', 'on', 'for', 'to', 'by']);
    return id.split('-').map((word, index) => {
        if (word.length <= 3 && !small.has(word)) {
            return word.toUpperCase();
        }
        return index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    }).join(' ');
}

export function scoreText(score) {
    return Number(score).toFixed(2);
}

/** The flagged topics of a story and their evidence, grouped by field: {title: [spans], summary: [...], …}. */
function evidenceByField(item) {
    const fields = {};
    for (const topic of item.topics || []) {
        if (!topic.flagged) {
            continue;
        }
        for (const evidence of topic.evidence || []) {
            (fields[evidence.field] ||= []).push({...evidence, topic: topic.topic});
        }
    }
    return fields;
}

/**
 * The spans of `evidence` that really are in `text`: the offsets are UTF-16 positions in the field as classified
 * (what JavaScript strings index too); should a field differ, the phrase is looked for instead.
 */
function locate(text, evidence) {
    const spans = [];
    for (const one of evidence) {
        if (text.slice(one.start, one.end) === one.text) {
            spans.push({start: one.start, end: one.end, evidence: one});
        } else if (one.text) {
            const at = text.indexOf(one.text);
            if (at >= 0) {
                spans.push({start: at, end: at + one.text.length, evidence: one});
            }
        }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const span of spans) {
        const last = merged[merged.length - 1];
        if (last && span.start < last.end) {
            last.end = Math.max(last.end, span.end);
            last.topics.add(span.evidence.topic);
        } else {
            merged.push({start: span.start, end: span.end, topics: new Set([span.evidence.topic])});
        }
    }
    return merged;
}

/** `text` as text nodes, with each span in a <mark> naming the topics it counted for. */
export function highlighted(text, evidence, limit = Infinity) {
    let cut = Math.min(limit, text.length);
    if (cut < text.length && /[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) {
        cut -= 1; // never half of a surrogate pair
    }
    const shown = text.slice(0, cut);
    const parts = [];
    let at = 0;
    for (const span of locate(text, evidence || [])) {
        if (span.start >= shown.length) {
            break;
        }
        const end = Math.min(span.end, shown.length);
        parts.push(shown.slice(at, span.start));
        const topics = [...span.topics].map(topicLabel).join(', ');
        parts.push(el('mark', {title: 'Evidence for ' + topics}, shown.slice(span.start, end)));
        at = end;
    }
    parts.push(shown.slice(at));
    if (shown.length < text.length) {
        parts.push('…');
    }
    return parts;
}

/** Plain text with the search's own highlights (GET /articles?q=… snippet). */
function snippetNodes(snippet) {
    const parts = [];
    let at = 0;
    const spans = [...(snippet.highlights || [])].sort((a, b) => a.start - b.start);
    for (const span of spans) {
        const start = Math.max(at, span.start);
        const end = Math.min(snippet.text.length, span.end);
        if (end <= start) {
            continue;
        }
        parts.push(snippet.text.slice(at, start));
        parts.push(el('mark', {class: 'search-hit', title: 'Matches your search'}, snippet.text.slice(start, end)));
        at = end;
    }
    parts.push(snippet.text.slice(at));
    return parts;
}

function badges(item) {
    const flagged = (item.topics || []).filter(topic => topic.flagged);
    return el('ul', {class: 'badges', 'aria-label': 'Topics flagged'},
        flagged.map(topic => el('li', {class: 'badge', 'data-topic': topic.topic},
            el('span', {class: 'badge-mark', 'aria-hidden': 'true'}, '⚑ '),
            topicLabel(topic.topic), ' ',
            el('span', {class: 'score', title: 'Score from 0 to 1'}, scoreText(topic.score)))));
}

/** "Why flagged": per flagged topic, the matched phrases by field, including those in the article text. */
function reasons(item) {
    const rows = [];
    for (const topic of item.topics || []) {
        if (!topic.flagged) {
            continue;
        }
        const byField = new Map();
        for (const evidence of topic.evidence || []) {
            const phrases = byField.get(evidence.field) || new Set();
            phrases.add(evidence.text);
            byField.set(evidence.field, phrases);
        }
        const parts = [];
        for (const [field, phrases] of byField) {
            if (parts.length) {
                parts.push('; ');
            }
            [...phrases].forEach((phrase, index) => parts.push(index ? ', ' : '', el('q', {}, phrase)));
            parts.push(' in the ' + (field === 'content' ? 'article text' : field));
        }
        rows.push(el('li', {}, el('strong', {}, topicLabel(topic.topic)), ` (${scoreText(topic.score)}): `,
            parts.length ? parts : 'no phrase recorded'));
    }
    return rows.length ? el('div', {class: 'why'}, el('p', {class: 'why-heading'}, 'Why it was flagged'),
        el('ul', {}, rows)) : null;
}

export function storyElement(item, {isNew = false} = {}) {
    const evidence = evidenceByField(item);
    const href = safeHref(item.url);
    const language = item.language && item.language !== 'und' ? item.language : null;
    const title = item.title || '(untitled)';
    const titleContent = highlighted(title, evidence.title);
    const heading = el('h3', {class: 'story-title', lang: language, dir: 'auto'},
        href ? el('a', {href, rel: 'noopener noreferrer', target: '_blank'}, titleContent) : titleContent);
    const summary = item.snippet
        ? el('p', {class: 'summary', lang: language, dir: 'auto'}, snippetNodes(item.snippet))
        : item.summary
            ? el('p', {class: 'summary', lang: language, dir: 'auto'},
                highlighted(item.summary, evidence.summary, SUMMARY_LIMIT))
            : null;
    return el('li', {class: 'story' + (isNew ? ' is-new' : ''), 'data-id': item.id,
            'data-published': item.publishedAt || ''},
        el('article', {'aria-label': title},
            heading,
            el('p', {class: 'meta'},
                isNew ? el('span', {class: 'new-label'}, 'New') : null,
                el('span', {class: 'source'}, item.source || 'unknown source'), ' · ',
                el('abbr', {class: 'language', title: 'Language: ' + (item.language || 'unknown')},
                    (item.language || 'und').toUpperCase()), ' · ',
                timeElement(item.publishedAt)),
            badges(item),
            summary,
            reasons(item)));
}
