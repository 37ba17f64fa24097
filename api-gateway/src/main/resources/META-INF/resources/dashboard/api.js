// The public API with the user's key, as any client uses it. The key lives in this tab's session storage only:
// never in a URL, a cookie or local storage, and it is gone when the tab closes.

const KEY_ITEM = 'newswatch.apiKey';
const BASE = '/api/v1';

export const keyStore = {
    get: () => sessionStorage.getItem(KEY_ITEM),
    set: key => sessionStorage.setItem(KEY_ITEM, key),
    clear: () => sessionStorage.removeItem(KEY_ITEM),
};

/** A refusal of the API, with its RFC 9457 problem when there is one. */
export class ApiError extends Error {
    constructor(status, problem, retryAfter) {
        super(describe(status, problem));
        this.status = status;
        this.problem = problem || {};
        this.retryAfter = retryAfter;
    }

    /** The refused fields of a validation problem: [{field, message}]. */
    get fieldErrors() {
        return Array.isArray(this.problem.errors) ? this.problem.errors : [];
    }

    /** The refused fields in words: "field: message; field: message" (empty when none is named). */
    get fieldText() {
        return this.fieldErrors.map(e => `${e.field}: ${e.message}`).join('; ');
    }
}

function describe(status, problem) {
    if (problem && (problem.detail || problem.title)) {
        return [problem.title, problem.detail].filter(Boolean).join(': ');
    }
    if (status === 0) {
        return 'The newswatch API cannot be reached. Check your connection; the page retries by itself.';
    }
    return `The API answered ${status}.`;
}

/** `path` under /api/v1; `params` an object whose arrays become repeated parameters and empty values are left out. */
export function apiUrl(path, params = {}) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
        for (const one of Array.isArray(value) ? value : [value]) {
            if (one !== undefined && one !== null && one !== '') {
                query.append(name, String(one));
            }
        }
    }
    const text = query.toString();
    return BASE + path + (text ? '?' + text : '');
}

export function authorization() {
    const key = keyStore.get();
    return key ? {Authorization: 'Bearer ' + key} : {};
}

/**
 * One call. JSON bodies are sent as JSON, strings and files as they are (with `contentType`). Resolves with the parsed answer
 * (null for 204); rejects with an ApiError. A 401 also tells the page, which asks for a key again.
 */
export async function call(method, path, {params, body, contentType, signal} = {}) {
    const headers = {...authorization(), Accept: 'application/json, application/problem+json'};
    let payload;
    if (body !== undefined) {
        if (typeof body === 'string' || body instanceof Blob) {
            payload = body; // sent as it is (an uploaded file keeps its bytes and their encoding)
            headers['Content-Type'] = contentType || 'text/plain';
        } else {
            payload = JSON.stringify(body);
            headers['Content-Type'] = 'application/json';
        }
    }
    let response;
    try {
        response = await fetch(apiUrl(path, params), {method, headers, body: payload, signal, cache: 'no-store'});
    } catch (failure) {
        if (failure.name === 'AbortError') {
            throw failure;
        }
        throw new ApiError(0, null);
    }
    if (response.status === 204) {
        return null;
    }
    const type = response.headers.get('Content-Type') || '';
    const parsed = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    if (!response.ok) {
        const error = new ApiError(response.status, typeof parsed === 'object' ? parsed : null,
            response.headers.get('Retry-After'));
        if (response.status === 401) {
            document.dispatchEvent(new CustomEvent('newswatch:unauthorized', {detail: error}));
        }
        throw error;
    }
    return parsed;
}

export const api = {
    get: (path, params, options = {}) => call('GET', path, {...options, params}),
    post: (path, body, options = {}) => call('POST', path, {...options, body}),
    patch: (path, body) => call('PATCH', path, {body}),
    delete: path => call('DELETE', path),
};

/** Every page of a list endpoint, up to `maxItems`. */
export async function allPages(path, params = {}, maxItems = 2000) {
    const items = [];
    let cursor;
    do {
        const page = await api.get(path, {...params, cursor});
        items.push(...page.items);
        cursor = page.nextCursor;
    } while (cursor && items.length < maxItems);
    return {items, complete: !cursor};
}
