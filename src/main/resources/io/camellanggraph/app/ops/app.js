// Operator view of camel-langgraph: polls api/status and renders it. Every value goes in through textContent,
// never as HTML: payloads come from the outside. The admin token stays in this tab (sessionStorage); reading is
// authorised by the session cookie the login set (or needs nothing on a loopback bind).
'use strict';

const REFRESH_MS = 5000;
let timer = null;
let openPayloads = new Set();

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function time(ms) {
  return ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

function age(seconds) {
  if (seconds < 120) return seconds + ' s';
  if (seconds < 7200) return Math.round(seconds / 60) + ' min';
  return Math.round(seconds / 3600) + ' h';
}

function bytes(n) {
  if (n < 1024 * 1024) return Math.round(n / 1024) + ' KiB';
  return (n / (1024 * 1024)).toFixed(1) + ' MiB';
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

function statusBadge(status) {
  return badge(status, status === 'success' ? 'ok' : status === 'interrupted' ? 'warn' : 'bad');
}

function button(text, className, data, action) {
  const b = el('button', text, className);
  b.type = 'button';
  Object.assign(b.dataset, data);
  b.addEventListener('click', () => action(b));
  return b;
}

function runLink(runId) {
  if (!runId) return '';
  return button(runId, 'run-link mono', { run: runId }, () => showRun(runId));
}

function message(text, isError) {
  const m = document.getElementById('message');
  m.textContent = text;
  m.className = isError ? 'error' : '';
}

function token() {
  return document.getElementById('admin-token').value.trim();
}

/** POSTs an admin action (replay, run-now) and reports its answer. */
async function act(path, done, b, body) {
  if (!token()) {
    message('Enter the admin token first.', true);
    return;
  }
  b.disabled = true;
  try {
    const response = await fetch('api/' + path, { method: 'POST', headers: { 'Authorization': 'Bearer ' + token() }, cache: 'no-store',
      body: body == null ? undefined : body });
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      message(done(answer), false);
    } else {
      message('Refused (' + response.status + '): ' + (answer.error || response.statusText), true);
      b.disabled = false;
    }
  } catch (e) {
    message('Failed: ' + e, true);
    b.disabled = false;
  }
  refresh();
}

function filterQuery() {
  const params = new URLSearchParams({ limit: '50' });
  for (const [id, name] of [['filter-q', 'q'], ['filter-status', 'status'], ['filter-source', 'source'], ['filter-callback', 'callback']]) {
    const value = document.getElementById(id).value.trim();
    if (value) params.set(name, value);
  }
  return params.toString();
}

function renderHealth(health) {
  const checks = health ? health.checks : [];
  const failing = checks.filter(c => c.state !== 'UP');
  const up = checks.filter(c => c.state === 'UP');
  const columns = [c => c.id, c => badge(c.state), c => c.message || '',
    c => c.details ? Object.entries(c.details).map(([k, v]) => k + '=' + v).join(', ') : ''];
  fill('health-failing', failing, columns, 'no failing check');
  fill('health-up', up, columns, 'none');
  document.getElementById('health-count').textContent = failing.length + ' failing, ' + up.length + ' up';
  document.getElementById('health-rest-summary').textContent = up.length + ' other checks UP';
}

function renderSummary(s) {
  const q = s.queues || {}, m = s.summary || {};
  const chart = s.outcomesPerMinute || { series: {} };
  const lastHour = Object.entries(chart.series).filter(([k]) => k !== 'dead letter' && k !== 'unconfirmed')
    .reduce((sum, [, v]) => sum + v.reduce((a, b) => a + b, 0), 0);
  document.getElementById('summary').textContent = [
    'server ' + (m.server || '?'), 'store ' + (m.store || '?'), 'broker ' + (m.broker || '?'),
    'pending runs ' + (q.pendingRuns ?? '?'), 'unrouted ' + (q.inboxUnrouted ?? '?'), 'dead letters ' + ((q.inboxFailed ?? 0) + (q.bridgeRepliesFailed ?? 0)),
    'orphaned ' + (q.inboxOrphaned ?? '?'),
    'outcomes in the last hour ' + lastHour, 'refused or unconfirmed claims ' + (s.claims || []).length
  ].join(' · ') + (s.storeError ? ' · ' + s.storeError : '');
}

function render(s) {
  // a refresh keeps the payloads the reader opened
  openPayloads = new Set(Array.from(document.querySelectorAll('main details[open][data-key]')).map(d => d.dataset.key));
  document.getElementById('app-name').textContent = s.app || 'camel-langgraph';
  document.title = (s.app || 'camel-langgraph') + ': operator view';
  const overall = document.getElementById('overall');
  overall.textContent = s.health ? s.health.status : '?';
  overall.className = 'badge ' + (s.health ? s.health.status : '');
  document.getElementById('updated').textContent = 'updated ' + time(s.generatedAt);
  document.getElementById('read-only').hidden = s.adminEnabled;
  document.getElementById('token-form').hidden = !s.adminEnabled;
  renderSummary(s);
  if (s.outcomesPerMinute) OutcomeChart.draw(document.getElementById('chart'), document.getElementById('legend'), s.outcomesPerMinute);

  fill('schedules', s.schedules, [
    x => x.kind, x => x.name, x => x.routeId, x => (x.schedule || '') + (x.timezone ? ' (' + x.timezone + ')' : ''),
    x => x.nextFireAt ? time(x.nextFireAt) : (x.nextFire || ''),
    x => x.lastOutcome ? badge(x.lastOutcome + (x.lastFireAt ? ' at ' + time(x.lastFireAt) : ''), x.lastOk ? 'ok' : 'bad') : 'not fired yet',
    x => x.kind !== 'langgraph-cron' ? (x.skippedTicks || 0) + ' / ' + (x.missedTicks || 0) : '',
    x => scheduleTicks(x),
    x => scheduleActions(s, x)
  ], 'no schedules declared');

  fill('awaiting', s.awaitingInput, [
    a => age(a.ageSeconds), a => a.question, a => a.callback || '(unnamed)', a => runLink(a.runId),
    a => a.expiresAt ? time(a.expiresAt) + ' (' + a.onExpiry + ')' : 'never',
    a => s.adminEnabled ? answerControls(a) : ''
  ], 'no run waits for input');

  fill('pending', s.pendingRuns, [r => age(r.ageSeconds), r => r.runId, r => r.threadId, r => r.callback || '(unnamed)', r => time(r.createdAt)],
    'no run is waiting for its outcome');

  fill('deliveries', s.deliveries, [
    d => time(d.receivedAt), d => runLink(d.runId), d => d.interrupted ? statusBadge('interrupted') : statusBadge(d.status), d => d.source,
    d => d.callback || '(unnamed)', d => d.state + (d.reason ? ': ' + d.reason : ''), d => payload(d.payload, 'delivery:' + d.dedupKey)
  ], filterQuery() === 'limit=50' ? 'nothing delivered yet' : 'no delivery matches the filter');
  document.getElementById('filter-count').textContent = (s.deliveries || []).length + ' shown';

  fill('claims', s.claims, [
    c => time(c.at), c => badge(c.kind, 'bad'), c => c.callback || '(unnamed)', c => c.runId || '', c => c.claimedStatus || '',
    c => c.reason, c => c.detail || ''
  ], 'no refused or unconfirmed claim');

  fill('dead-letters', s.deadLetters, [
    d => time(d.receivedAt), d => runLink(d.runId), d => d.status, d => d.callback, d => d.reason, d => payload(d.payload, 'dead:' + d.dedupKey),
    d => s.adminEnabled && d.replayable !== false
      ? button('Replay', 'replay', { key: d.dedupKey }, b => act('replay/' + encodeURIComponent(d.dedupKey),
        answer => 'Replayed ' + (answer.replayed || [d.dedupKey]).join(', '), b)) : ''
  ], 'no dead letters');

  fill('tables', s.tables, [t => t.database, t => t.table, t => t.rows, t => bytes(t.bytes)], 'store unavailable');

  renderHealth(s.health);
  document.getElementById('counters').textContent = Object.entries(s.counters || {})
    .filter(([k]) => !k.startsWith('dispatch.') && !k.startsWith('confirm.')).map(([k, v]) => k + ' ' + v).join(' · ')
    + ' · runs started: ' + (Object.entries(s.runsStarted || {}).map(([k, v]) => k + ' ' + v).join(', ') || 'none');
  document.body.dataset.loaded = String(s.generatedAt);
}

/** A langgraph:schedule's pause and newest ticks, each with its fate (fired, skipped, missed, caught-up, failed, manual, buffered, waiting). */
function scheduleTicks(x) {
  const cell = el('div');
  if (x.paused) cell.appendChild(badge('paused' + (x.pauseNote ? ': ' + x.pauseNote : ''), 'bad'));
  if (x.policy) cell.appendChild(el('div', x.policy, 'muted'));
  for (const t of x.ticks || []) {
    const line = el('div', null, 'tick');
    line.append(badge(t.fate, t.fate === 'failed' || t.fate === 'missed' ? 'bad' : t.fate === 'skipped' || t.fate === 'buffered' || t.fate === 'waiting' ? '' : 'ok'),
      ' ' + time(t.scheduledAt) + (t.detail ? ' · ' + t.detail : ''));
    cell.appendChild(line);
  }
  return cell;
}

function scheduleActions(s, x) {
  if (!s.adminEnabled) return '';
  const cell = el('div');
  if (x.runNow) cell.appendChild(button('Run now', 'run-now', { route: x.routeId },
    b => act('run-now/' + encodeURIComponent(x.routeId), () => 'Fired ' + x.routeId, b)));
  if (x.kind === 'langgraph-schedule' || x.kind === 'langgraph-cron') {
    if (x.kind === 'langgraph-schedule') cell.appendChild(button('Run with input', 'run-with-input', { route: x.routeId }, b => {
      const input = window.prompt('Input of this run (JSON)', '{}');
      if (input != null) act('run-now/' + encodeURIComponent(x.routeId), () => 'Fired ' + x.routeId + ' with another input', b, input);
    }));
    cell.appendChild(x.paused
      ? button('Resume', 'resume', { schedule: x.name }, b => act('resume/' + encodeURIComponent(x.name), () => 'Resumed ' + x.name, b))
      : button('Pause', 'pause', { schedule: x.name }, b => {
        const note = window.prompt('Why is ' + x.name + ' paused? (a note for the others)', '');
        if (note != null) act('pause/' + encodeURIComponent(x.name), () => 'Paused ' + x.name, b, note);
      }));
  }
  return cell;
}

/** The operator's answer to a waiting interrupt: a button per option, else a text field (admin token). */
function answerControls(a) {
  const box = el('span', null, 'answer');
  const send = (value, b) => act('answer/' + encodeURIComponent(a.key) + '?answer=' + encodeURIComponent(value),
    answer => 'Answered; resume run ' + (answer.resumeRunId || ''), b);
  if (a.options && a.options.length) {
    for (const option of a.options) box.appendChild(button(String(option), 'answer-option', { key: a.key }, b => send(JSON.stringify(option), b)));
  } else {
    const input = el('input');
    input.type = 'text';
    input.placeholder = 'answer (text or JSON)';
    box.appendChild(input);
    box.appendChild(button('Answer', 'answer-send', { key: a.key }, b => send(input.value, b)));
  }
  return box;
}

function section(parent, title, content) {
  parent.appendChild(el('h3', title));
  if (content instanceof Node) parent.appendChild(content); else parent.appendChild(el('pre', content));
}

async function showRun(runId) {
  const panel = document.getElementById('run-detail');
  const body = document.getElementById('run-body');
  document.getElementById('run-title').textContent = 'Run ' + runId;
  panel.hidden = false;
  const response = await fetch('api/runs/' + encodeURIComponent(runId), { cache: 'no-store' });
  const run = await response.json().catch(() => ({}));
  body.replaceChildren();
  if (!response.ok) {
    body.appendChild(el('p', run.error || ('status ' + response.status), 'error'));
    return;
  }
  for (const o of run.outcomes) {
    const box = el('div', null, 'outcome');
    box.dataset.key = o.dedupKey;
    box.appendChild(el('p', null)).append(statusBadge(o.status), ' ', o.state + (o.reason ? ': ' + o.reason : ''),
      ' · thread ' + (o.threadId || '-') + ' · assistant ' + (o.assistantId || '-') + ' · callback ' + (o.callback || '(unnamed)'));
    const timeline = el('ol', null, 'timeline');
    for (const stage of o.timeline) {
      const li = el('li');
      li.appendChild(el('span', stage.at ? time(stage.at) : '', 'mono'));
      li.appendChild(el('span', stage.stage, 'stage'));
      if (stage.detail) li.appendChild(el('span', stage.detail, 'muted'));
      timeline.appendChild(li);
    }
    if (o.interrupted) {
      for (const d of run.decisions || []) {
        const li = el('li');
        li.appendChild(el('span', d.decidedAt ? time(d.decidedAt) : '', 'mono'));
        li.appendChild(el('span', d.decision ? 'answered "' + d.question + '": ' + d.answer + ' by ' + (d.resumedBy || '?') + ' (' + d.decision + ')'
          : '"' + d.question + '": ' + d.state, 'stage'));
        if (d.resumeRunId) li.appendChild(runLink(d.resumeRunId));
        timeline.appendChild(li);
      }
    }
    section(box, 'Timeline', timeline);
    section(box, 'Error from the server', o.error || 'none');
    section(box, 'Interrupts', o.interrupts || 'none');
    section(box, 'Payload (redacted)', o.payload);
    body.appendChild(box);
  }
}

async function refresh() {
  clearTimeout(timer);
  try {
    const response = await fetch('api/status?' + filterQuery(), { cache: 'no-store' });
    if (response.status === 401) {
      // the session ended (the app restarted): log in again
      location.reload();
      return;
    }
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
  const filter = document.getElementById('filter');
  filter.addEventListener('submit', e => { e.preventDefault(); refresh(); });
  filter.addEventListener('input', () => refresh());
  document.getElementById('run-close').addEventListener('click', () => { document.getElementById('run-detail').hidden = true; });
  refresh();
});
