/* global document, window, EventSource, fetch */
/*
 * Keeps the eksid dashboard current. Plain ES2020, served as is (no build step).
 *
 * It never builds a row itself: the server renders every decision (GET <fragments>/decisions
 * answers the rows after an id, newest first, in the very markup the page opened with), so
 * there is one renderer and this script only decides when to fetch and where rows go. The
 * event stream says *that* something happened; its JSON is read only for the counters.
 * Identical decisions share a row (data-group) with their count: a new row of a group already
 * shown replaces the old one, counting both, and keeps it open if it was.
 */

const STATE_EVERY_MS = 5000;
const RECONNECT_MS = 2000;

const main = document.querySelector('main');
const list = document.getElementById('decision-list');
const noDecisions = document.getElementById('no-decisions');
const connection = document.getElementById('connection');
const resources = document.getElementById('resources');
const maxRows = Number(main.dataset.maxRows);
const counters = { allowed: document.getElementById('allowed-count'), denied: document.getElementById('denied-count') };

/** The newest decision id whose row is on the page, and the newest one counted. */
let renderedUpTo = Number(main.dataset.latestId);
let countedUpTo = renderedUpTo;

function showConnection(state, text) {
  connection.className = `connection ${state}`;
  connection.textContent = text;
}

/** The server writes UTC; show the viewer's own clock, full time in the tooltip. */
function localizeTimes(root) {
  for (const time of root.querySelectorAll('time[datetime]')) {
    const when = new Date(time.dateTime);
    time.textContent = when.toLocaleTimeString();
    time.title = when.toString();
  }
}

// One fetch at a time; events arriving meanwhile ask for one more afterwards, so a burst
// costs two requests, not one per event.
let fetching = false;
let again = false;

async function fetchRows() {
  if (fetching) {
    again = true;
    return;
  }
  fetching = true;
  try {
    const res = await fetch(`${main.dataset.fragments}/decisions?after=${renderedUpTo}`);
    if (res.ok) insertRows(await res.text());
  } catch {
    // The stream's error handler shows the outage; the next event or reconnect fetches again.
  } finally {
    fetching = false;
    if (again) {
      again = false;
      fetchRows();
    }
  }
}

function setCount(row, count) {
  row.dataset.count = String(count);
  const badge = row.querySelector('.repeat');
  badge.textContent = `×${count}`;
  badge.hidden = count === 1;
}

/** Folds the row already shown for `row`'s group, if any, into `row`. */
function foldInto(row) {
  const shown = list.querySelector(`:scope > li[data-group="${row.dataset.group}"]`);
  if (!shown) return;
  setCount(row, Number(shown.dataset.count) + Number(row.dataset.count));
  if (shown.querySelector('details').open) row.querySelector('details').open = true;
  shown.remove();
}

function insertRows(fragment) {
  const holder = document.createElement('template');
  holder.innerHTML = fragment;
  const rows = [...holder.content.querySelectorAll('li.decision')].filter((row) => Number(row.dataset.id) > renderedUpTo);
  if (rows.length === 0) return;
  for (const row of rows) {
    row.classList.add('arrived');
    foldInto(row);
  }
  localizeTimes(holder.content);
  list.prepend(...rows);
  renderedUpTo = Math.max(renderedUpTo, ...rows.map((row) => Number(row.dataset.id)));
  noDecisions.hidden = true;
  while (list.children.length > maxRows) list.lastElementChild.remove();
}

function count(message) {
  countedUpTo = Number(message.lastEventId);
  const outcome = JSON.parse(message.data).outcome;
  const counter = counters[outcome];
  if (counter) counter.textContent = String(Number(counter.textContent) + 1);
}

function connect() {
  // After a reconnect the browser also sends Last-Event-ID, which the server prefers to `after`.
  const stream = new EventSource(`${main.dataset.stream}?after=${countedUpTo}`);
  showConnection('reconnecting', 'connecting…');
  stream.addEventListener('open', () => {
    showConnection('live', 'live');
    fetchRows();
  });
  stream.addEventListener('decision', (message) => {
    // Ids only grow, and a reconnect replays only newer ones: an older id means a new server
    // (say a restarted `--data :memory:`), whose state this page does not show. Start over.
    if (Number(message.lastEventId) <= countedUpTo) {
      window.location.reload();
      return;
    }
    count(message);
    fetchRows();
  });
  stream.addEventListener('error', () => {
    showConnection('reconnecting', 'reconnecting…');
    // CONNECTING: the browser retries by itself. CLOSED (e.g. an HTTP error): it gave up, so do it here.
    if (stream.readyState === EventSource.CLOSED) window.setTimeout(connect, RECONNECT_MS);
  });
}

// Resource sections change through the AWS APIs, which announce nothing: poll, and touch the
// page only when the server's rendering changed, so scroll position and selections survive.
let lastState = null;

async function refreshResources() {
  if (document.hidden) return;
  try {
    const res = await fetch(`${main.dataset.fragments}/state`);
    const text = res.ok ? await res.text() : null;
    if (text !== null && text !== lastState) {
      lastState = text;
      resources.innerHTML = text;
    }
  } catch {
    // Unreachable server: the connection indicator already says so.
  }
}

localizeTimes(document);
connect();
window.setInterval(refreshResources, STATE_EVERY_MS);
