// The dashboard's shell: the key, the sections the key's role may see, the URL (which holds the view and its
// filters, so any view can be bookmarked and shared), the live indicator and messages.

import {FeedsView, KeysView} from './admin.js';
import {api, ApiError, keyStore} from './api.js';
import {el, replace} from './dom.js';
import {StoriesView} from './stories.js';
import {FlaggedStoryStream} from './stream.js';
import {SubscriptionsView} from './subscriptions.js';

const ROLE_RANK = {reader: 1, subscriber: 2, admin: 3};
const VIEWS = [
    {id: 'stories', label: 'Stories', role: 'reader'},
    {id: 'subscriptions', label: 'Subscriptions', role: 'subscriber'},
    {id: 'feeds', label: 'Feeds', role: 'admin'},
    {id: 'keys', label: 'API keys', role: 'admin'},
];

const page = {
    main: document.getElementById('main'),
    nav: document.getElementById('sections'),
    keyView: document.getElementById('key-view'),
    keyForm: document.getElementById('key-form'),
    keyError: document.getElementById('key-error'),
    session: document.getElementById('session'),
    liveStatus: document.getElementById('live-status'),
    errors: document.getElementById('error-banner'),
    announcer: document.getElementById('announcer'),
};

let caller = null;
let stream = null;
const views = {};

function announce(message) {
    page.announcer.textContent = '';
    // A fresh text node after a tick, so that screen readers announce a repeated message too.
    setTimeout(() => { page.announcer.textContent = message; }, 50);
}

let arrivals = 0;
let arrivalTimer = null;

/** Live stories are told in one sentence per burst, and only while the stories are on screen. */
function announceArrival() {
    if (currentViewId() !== 'stories') {
        return;
    }
    arrivals += 1;
    clearTimeout(arrivalTimer);
    arrivalTimer = setTimeout(() => {
        announce(arrivals === 1 ? 'A new flagged story arrived.' : `${arrivals} new flagged stories arrived.`);
        arrivals = 0;
    }, 1500);
}

function showError(error) {
    if (error instanceof ApiError && error.status === 401) {
        return; // the key form is shown again
    }
    let message = error instanceof ApiError ? error.message : 'Something went wrong: ' + error;
    const seconds = error instanceof ApiError && /^\d+$/.test(error.retryAfter || '') ? error.retryAfter : null;
    if (error instanceof ApiError && error.status === 429) {
        message = `Too many requests with this key; wait ${seconds ? seconds + ' seconds' : 'a moment'} and try again.`;
    } else if (error instanceof ApiError && error.status === 503) {
        message += seconds ? ` Try again in ${seconds} s.` : ' Try again shortly.';
    }
    replace(page.errors, el('p', {}, message),
        el('button', {type: 'button', class: 'secondary', onclick: () => {
            page.errors.hidden = true;
            focusHeading();
        }}, 'Dismiss'));
    page.errors.hidden = false;
}

function allowed(view) {
    return caller && ROLE_RANK[caller.role] >= ROLE_RANK[view.role];
}

function currentViewId() {
    const wanted = new URLSearchParams(location.search).get('view') || 'stories';
    const view = VIEWS.find(v => v.id === wanted);
    return view && allowed(view) ? view.id : 'stories';
}

/** Goes to `search` (a "?…" string) without reloading, shows it, and puts the focus on its heading. */
function navigate(search) {
    history.pushState(null, '', search === '?' ? location.pathname : search);
    route();
    focusHeading();
}

/** Focus to the visible view's heading: after a change of section, or when what had the focus went away. */
function focusHeading() {
    const heading = page.main.querySelector('.view:not([hidden]) h2');
    if (heading) {
        heading.tabIndex = -1;
        heading.focus();
    }
}

function viewLink(view) {
    return el('a', {href: '?view=' + view.id, 'data-view': view.id, onclick: event => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
            return;
        }
        event.preventDefault();
        navigate(view.id === 'stories' ? '?' : '?view=' + view.id);
    }}, view.label);
}

function route() {
    if (!caller) {
        return;
    }
    page.errors.hidden = true;
    const active = currentViewId();
    for (const link of page.nav.querySelectorAll('a[data-view]')) {
        if (link.dataset.view === active) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    for (const [id, view] of Object.entries(views)) {
        view.root.hidden = id !== active;
    }
    document.title = (VIEWS.find(v => v.id === active)?.label || 'Stories') + ' — newswatch';
    views[active].show(location.search);
}

let lastToldState = null;

function renderLiveStatus({state, detail, retryInMs, resumed}) {
    page.liveStatus.dataset.state = state;
    // Told once per change between connected and not (each retry's countdown is shown, not spoken).
    const told = state === 'live' ? 'live' : state === 'connecting' ? lastToldState : 'down';
    if (told !== lastToldState && lastToldState !== null) {
        announce(told === 'live' ? 'The live stream is connected again.' : 'The live stream is interrupted; reconnecting.');
    }
    lastToldState = told;
    if (resumed) {
        // The replay covers what the stream numbered after the last event this page saw; a page that had seen
        // none yet (or missed more than the replay holds) asks the list for what came meanwhile.
        views.stories?.catchUp();
    }
    if (state === 'live') {
        replace(page.liveStatus, el('span', {class: 'dot', 'aria-hidden': 'true'}, '●'), ' Live: new stories appear by themselves');
    } else if (state === 'connecting') {
        replace(page.liveStatus, el('span', {class: 'dot', 'aria-hidden': 'true'}, '○'), ' Connecting to the live stream…');
    } else if (state === 'waiting') {
        replace(page.liveStatus, el('span', {class: 'dot', 'aria-hidden': 'true'}, '↻'),
            ` Live stream interrupted (${detail}) Reconnecting in ${Math.round(retryInMs / 1000)} s. `,
            el('button', {type: 'button', class: 'link-button', onclick: () => stream?.retryNow()}, 'Reconnect now'));
    } else {
        replace(page.liveStatus, el('span', {class: 'dot', 'aria-hidden': 'true'}, '■'), ' Live stream stopped: ' + (detail || ''));
    }
}

async function loadTopics() {
    try {
        return (await api.get('/topics')).items || [];
    } catch (error) {
        showError(error);
        return [{id: 'icc-sanctions'}, {id: 'judicial-independence'}];
    }
}

async function start(signedInNow) {
    page.keyView.hidden = true;
    replace(page.session, el('span', {}, `Signed in with the key “${caller.name}” (${caller.role})`),
        caller.role === 'reader' ? el('span', {class: 'hint'}, ' — alerts by webhook or e-mail need a subscriber key; ask your administrator') : null,
        ' ',
        el('button', {type: 'button', class: 'secondary', id: 'forget-key', onclick: signOut}, 'Forget key'));
    page.session.hidden = false;
    replace(page.nav, el('ul', {}, VIEWS.filter(allowed).map(view => el('li', {}, viewLink(view)))));
    page.nav.hidden = false;

    const topics = await loadTopics();
    const context = {topics, announce, announceArrival, showError, navigate, focusHeading,
        canSeeAll: caller.role === 'admin', canSubscribe: ROLE_RANK[caller.role] >= ROLE_RANK.subscriber};
    const make = (id, View) => {
        const root = el('section', {id: id + '-view', class: 'view', hidden: true});
        page.main.append(root);
        views[id] = new View({...context, root});
        views[id].root = root;
    };
    make('stories', StoriesView);
    if (allowed(VIEWS[1])) {
        make('subscriptions', SubscriptionsView);
    }
    if (allowed(VIEWS[2])) {
        make('feeds', FeedsView);
        make('keys', KeysView);
    }
    stream = new FlaggedStoryStream({onStory: item => views.stories.addLive(item), onState: renderLiveStatus,
        onGap: () => views.stories.catchUp()});
    stream.start();
    page.liveStatus.hidden = false;
    route();
    if (signedInNow) {
        focusHeading(); // the key form that had the focus is gone
    }
}

function signOut() {
    keyStore.clear();
    stream?.stop();
    stream = null;
    caller = null;
    for (const view of Object.values(views)) {
        view.root.remove();
    }
    for (const id of Object.keys(views)) {
        delete views[id];
    }
    page.nav.hidden = true;
    page.session.hidden = true;
    page.liveStatus.hidden = true;
    page.errors.hidden = true;
    page.keyView.hidden = false;
    page.keyForm.reset();
    document.getElementById('api-key').focus();
}

async function signIn(key, typed) {
    keyStore.set(key);
    try {
        caller = await api.get('/keys/current');
        await start(typed);
        return true;
    } catch (error) {
        caller = null;
        if (error instanceof ApiError && error.status === 401) {
            keyStore.clear();
            replace(page.keyError, 'This key was not accepted. Check that it is complete and has not been revoked.');
        } else {
            // The gateway is away or busy: the key is kept, and one click tries it again.
            replace(page.keyError, error.message + ' ', el('button', {type: 'button', class: 'secondary',
                onclick: () => signIn(key, true)}, 'Try again'));
        }
        page.keyView.hidden = false;
        return false;
    }
}

page.keyForm.addEventListener('submit', async event => {
    event.preventDefault();
    const key = page.keyForm.elements.apiKey.value.trim();
    page.keyError.textContent = '';
    if (key) {
        await signIn(key, true);
    }
});

document.addEventListener('newswatch:unauthorized', () => {
    if (caller) {
        signOut();
        replace(page.keyError, 'The key is no longer accepted (revoked?). Paste a valid key.');
    }
});
window.addEventListener('popstate', route);
window.addEventListener('online', () => stream?.retryNow());

const saved = keyStore.get();
if (saved) {
    signIn(saved, false);
} else {
    page.keyView.hidden = false;
}
