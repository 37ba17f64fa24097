// Building the page: elements and text nodes only. Nothing here parses HTML, so a feed's text can never become
// markup (the Content-Security-Policy also forbids string-to-HTML sinks through Trusted Types).

/**
 * el('a', {href: url, class: 'x', onclick: f}, 'text', child, ...): attributes are set with setAttribute, `on…`
 * functions become listeners, `hidden`/`disabled`/`required`/`multiple` are properties; strings become text nodes;
 * null, undefined and false children are skipped; arrays are flattened.
 */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    setAttributes(node, attributes);
    append(node, children);
    return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The same for SVG elements (the chart). */
export function svg(tag, attributes = {}, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttributes(node, attributes);
    append(node, children);
    return node;
}

// Set as properties. `checked`, `selected` and `value` stay attributes: they are the defaults a form's reset()
// returns to.
const PROPERTIES = new Set(['hidden', 'disabled', 'required', 'multiple']);

function setAttributes(node, attributes) {
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            if (typeof value !== 'function') {
                throw new TypeError(`${name} must be a function`); // never a string of code
            }
            node.addEventListener(name.slice(2), value);
        } else if (name === 'style') {
            throw new TypeError('style attributes are refused by the Content-Security-Policy; use a class');
        } else if (PROPERTIES.has(name)) {
            node[name] = value;
        } else {
            node.setAttribute(name, value === true ? '' : String(value));
        }
    }
}

export function append(node, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

/** Replaces every child of `node`. */
export function replace(node, ...children) {
    node.replaceChildren();
    return append(node, children);
}

/** A link only for http(s) URLs: a feed's `javascript:` or `data:` link stays plain text. */
export function safeHref(url) {
    if (typeof url !== 'string' || url === '') {
        return null;
    }
    try {
        const parsed = new URL(url); // absolute only: a relative link would point into the dashboard itself
        return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch {
        return null;
    }
}

const absoluteTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const relativeTime = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});
const STEPS = [['second', 60], ['minute', 60], ['hour', 24], ['day', 30], ['month', 12], ['year', Infinity]];

/** A <time> saying "5 minutes ago", with the date and time in its tooltip and machine-readable attribute. */
export function timeElement(iso) {
    const date = new Date(iso || NaN);
    if (Number.isNaN(date.getTime())) {
        return el('span', {}, '—');
    }
    return el('time', {datetime: date.toISOString(), title: absoluteTime.format(date)}, relative(date));
}

function relative(date) {
    let amount = (date.getTime() - Date.now()) / 1000;
    for (const [unit, size] of STEPS) {
        if (Math.abs(amount) < size) {
            return relativeTime.format(Math.round(amount), unit);
        }
        amount /= size;
    }
    return absoluteTime.format(date);
}

export function formatDateTime(iso) {
    const date = new Date(iso || NaN);
    return Number.isNaN(date.getTime()) ? '—' : absoluteTime.format(date);
}

/** A table in a region that scrolls sideways from the keyboard too: `headers` name the columns, `rows` are <tr>s. */
export function dataTable({label, headers, rows, id, caption}) {
    return el('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': label},
        el('table', {class: 'data-table', id},
            caption ? el('caption', {}, caption) : null,
            el('thead', {}, el('tr', {}, headers.map(name => el('th', {scope: 'col'}, name)))),
            el('tbody', {}, rows)));
}

/** A secret shown once: a read-only field that selects itself when focused, and a button that copies it. */
export function secretField({id, label, secret}) {
    return el('div', {class: 'secret-row'},
        el('label', {for: id, class: 'visually-hidden'}, label),
        el('input', {id, readonly: true, value: secret, class: 'secret', onfocus: event => event.target.select()}),
        copyButton(secret));
}

/** A button that copies `text`; says "Copied" for a moment, or to select and copy by hand where not allowed. */
function copyButton(text, label = 'Copy') {
    const button = el('button', {type: 'button', class: 'secondary'}, label);
    button.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(text);
            button.textContent = 'Copied';
        } catch {
            button.textContent = 'Select the text and press Ctrl+C';
        }
        setTimeout(() => { button.textContent = label; }, 4000);
    });
    return button;
}
