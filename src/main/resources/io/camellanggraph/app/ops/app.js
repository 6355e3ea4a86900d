// Operator view of camel-langgraph: polls api/status and renders it. Every value goes in through textContent,
// never as HTML: payloads come from the outside. The admin token stays in this tab (sessionStorage).
'use strict';

const REFRESH_MS = 5000;
let timer = null;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function time(ms) {
  return ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

function fill(tableId, rows, columns, emptyText) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren();
  if (!rows || rows.length === 0) {
    const tr = el('tr');
    const td = el('td', emptyText, 'empty');
    td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
    tr.appendChild(td);
    body.appendChild(tr);
    return;
  }
  for (const row of rows) {
    const tr = el('tr');
    for (const column of columns) {
      const value = column(row);
      const td = el('td');
      if (value instanceof Node) td.appendChild(value); else td.textContent = value === undefined || value === null ? '' : String(value);
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}

let openPayloads = new Set();

function payload(text, key) {
  const details = el('details');
  details.dataset.key = key;
  details.open = openPayloads.has(key);
  details.appendChild(el('summary', 'show'));
  details.appendChild(el('pre', text));
  return details;
}

function badge(text, className) {
  return el('span', text, 'badge ' + (className || text));
}

function message(text, isError) {
  const m = document.getElementById('message');
  m.textContent = text;
  m.className = isError ? 'error' : '';
}

function token() {
  return document.getElementById('admin-token').value.trim();
}

async function replay(key, button) {
  if (!token()) {
    message('Enter the admin token first.', true);
    return;
  }
  button.disabled = true;
  try {
    const response = await fetch('api/replay/' + encodeURIComponent(key), {
      method: 'POST', headers: { 'Authorization': 'Bearer ' + token() }, cache: 'no-store'
    });
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      message('Replayed ' + (answer.replayed || [key]).join(', '), false);
    } else {
      message('Replay refused (' + response.status + '): ' + (answer.error || response.statusText), true);
      button.disabled = false;
    }
  } catch (e) {
    message('Replay failed: ' + e, true);
    button.disabled = false;
  }
  refresh();
}

function render(s) {
  // a refresh keeps the payloads the reader opened
  openPayloads = new Set(Array.from(document.querySelectorAll('details[open]')).map(d => d.dataset.key));
  document.getElementById('app-name').textContent = s.app || '';
  const overall = document.getElementById('overall');
  overall.textContent = s.health ? s.health.status : '?';
  overall.className = 'badge ' + (s.health ? s.health.status : '');
  document.getElementById('updated').textContent = 'updated ' + time(s.generatedAt);
  document.getElementById('read-only').hidden = s.adminEnabled;
  document.getElementById('token-form').hidden = !s.adminEnabled;

  fill('health', s.health ? s.health.checks : [], [
    c => c.id, c => badge(c.state), c => c.message || '',
    c => c.details ? Object.entries(c.details).map(([k, v]) => k + '=' + v).join(', ') : ''
  ], 'no health checks');

  const q = s.queues || {};
  document.getElementById('queues').textContent = 'Pending runs ' + (q.pendingRuns ?? '?') + ' · inbox unrouted '
    + (q.inboxUnrouted ?? '?') + ' · dead letters ' + (q.inboxFailed ?? '?') + ' · awaiting exchanges ' + (q.awaitingExchanges ?? '?')
    + (s.storeError ? ' · ' + s.storeError : '');
  document.getElementById('counters').textContent = 'Counters: ' + Object.entries(s.counters || {})
    .filter(([k]) => !k.startsWith('dispatch.')).map(([k, v]) => k + ' ' + v).join(' · ')
    + ' · runs started: ' + (Object.entries(s.runsStarted || {}).map(([k, v]) => k + ' ' + v).join(', ') || 'none');

  fill('schedules', s.schedules, [
    x => x.kind, x => x.name, x => x.routeId, x => (x.schedule || '') + (x.timezone ? ' (' + x.timezone + ')' : ''),
    x => x.nextFireAt ? time(x.nextFireAt) : (x.nextFire || ''),
    x => x.lastOutcome ? badge(x.lastOutcome + (x.lastFireAt ? ' at ' + time(x.lastFireAt) : ''), x.lastOk ? 'ok' : 'bad') : 'not fired yet'
  ], 'no schedules declared');

  fill('pending', s.pendingRuns, [r => r.runId, r => r.threadId, r => r.callback || '(unnamed)', r => r.ageSeconds + ' s'],
    'no run is waiting for its outcome');

  fill('dead-letters', s.deadLetters, [
    d => time(d.receivedAt), d => d.runId, d => d.status, d => d.callback, d => d.reason, d => payload(d.payload, 'dead:' + d.dedupKey),
    d => {
      if (!s.adminEnabled) return '';
      const b = el('button', 'Replay', 'replay');
      b.type = 'button';
      b.dataset.key = d.dedupKey;
      b.addEventListener('click', () => replay(d.dedupKey, b));
      return b;
    }
  ], 'no dead letters');

  fill('deliveries', s.deliveries, [
    d => time(d.receivedAt), d => d.runId, d => badge(d.status, d.status === 'success' ? 'ok' : 'bad'), d => d.source,
    d => d.callback || '(unnamed)', d => d.state + (d.reason ? ': ' + d.reason : ''), d => payload(d.payload, 'delivery:' + d.dedupKey)
  ], 'nothing delivered yet');
  document.body.dataset.loaded = String(s.generatedAt);
}

async function refresh() {
  clearTimeout(timer);
  try {
    const response = await fetch('api/status?limit=50', { cache: 'no-store' });
    if (!response.ok) throw new Error('status ' + response.status);
    render(await response.json());
  } catch (e) {
    document.getElementById('overall').textContent = 'unreachable';
    document.getElementById('overall').className = 'badge DOWN';
  }
  timer = setTimeout(refresh, REFRESH_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  const input = document.getElementById('admin-token');
  input.value = sessionStorage.getItem('langgraph-admin-token') || '';
  input.addEventListener('input', () => sessionStorage.setItem('langgraph-admin-token', input.value));
  document.getElementById('token-form').addEventListener('submit', e => e.preventDefault());
  refresh();
});
