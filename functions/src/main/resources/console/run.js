// Watching a job: a row per item with its state, the progress bar, the summary, the timeline of the items'
// concurrency lanes, and the files. Polls the job with backoff (never faster than every 0.5 s, slowing to
// 5 s while nothing changes, pausing while the tab is hidden, waiting out Retry-After).
import { api, ApiError, request } from './api.js';
import { $, download, el, formatMs, formatSeconds, formatUsd } from './dom.js';
import { highlightLine, languageOf } from './highlight.js';
import { notify } from './shell.js';
import { submit } from './compose.js';
import { renderTimeline } from './timeline.js';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5000;
const ENDED = new Set(['SUCCEEDED', 'PARTIAL', 'FAILED']);

// page: the `next` link of the page shown (null: the first); pages: those of the pages before it.
let current = { jobId: null, record: null, documentItems: [], generation: 0, timer: null, page: null, pages: [] };
let openFile = null;

/** Each item's state as the job record gives it: queued, calling, cached, succeeded, invalid or failed. */
function statesOf(record) {
  const states = new Map((record.itemStates || []).map(state => [state.id, state]));
  for (const item of record.items || []) {
    if (!states.has(item.id)) {
      states.set(item.id, { id: item.id, state: item.cached ? 'cached' : item.status.toLowerCase(),
        startedAt: item.startedAt });
    }
  }
  return states;
}

function stateLabel(state, item) {
  if (state.state === 'cached' && item && item.status !== 'SUCCEEDED') return `cached, ${item.status.toLowerCase()}`;
  return state.state;
}

/** "3 calling, 2 queued": the items not ended yet, by state. */
function pendingWords(states) {
  const counts = { calling: 0, queued: 0 };
  states.forEach(state => { if (state.state in counts) counts[state.state] += 1; });
  return Object.entries(counts).filter(([, count]) => count).map(([state, count]) => `${count} ${state}`).join(', ');
}

/** Who answered an ended item, or who is asked for one not ended yet (its request names them). */
function providerModel(item) {
  return item && item.provider ? `${item.provider} / ${item.model || ''}` : '';
}

function tokens(item) {
  return item && item.usage ? `${item.usage.inputTokens} / ${item.usage.outputTokens}` : '';
}

/** A review item's input, from the job's document, as a file its findings annotate. */
function reviewedInput(item) {
  const requested = current.documentItems.find(candidate => candidate.id === item.id);
  if (!requested || requested.input == null) return null;
  const findings = (item.validation && item.validation.findings) || [];
  const named = findings.find(finding => finding.path && !item.files.some(file => file.path === finding.path));
  return { path: named ? named.path : 'input', content: requested.input };
}

function renderRows(record, states) {
  const ended = new Map((record.items || []).map(item => [item.id, item]));
  // A page of a large job: its own items; a whole job: every item the document asked for, ended or not.
  const ids = !record.page && current.documentItems.length ? current.documentItems.map(item => item.id)
    : [...states.keys()];
  const requested = new Map(current.documentItems.map(item => [item.id, item]));
  const rows = ids.map(id => {
    const item = ended.get(id);
    const known = states.get(id) || { id, state: 'queued' };
    const state = known.state;
    const label = stateLabel(known, item);
    const sofar = !item && known.startedAt ? `${formatMs(Math.max(0, Date.now() - Date.parse(known.startedAt)))} so far` : '';
    const files = item ? item.files.map(file => el('button', {
      type: 'button', class: 'link file-link', 'data-item': id, 'data-path': file.path,
      onclick: () => showFile(item, file),
    }, file.path)) : [];
    const reviewed = item && reviewedInput(item);
    if (reviewed) {
      files.push(el('button', { type: 'button', class: 'link file-link input-link', 'data-item': id,
        'data-path': reviewed.path, onclick: () => showFile(item, reviewed) }, `reviewed input (${reviewed.path})`));
    }
    const error = item && item.error ? el('div', { class: 'item-error' }, `${item.error.code}: ${item.error.message}`) : null;
    const findings = item && item.validation && item.validation.findings && item.validation.findings.length
      ? el('div', { class: 'hint' }, `${item.validation.findings.length} finding(s)`) : null;
    return el('tr', { 'data-item': id, 'data-state': state },
      el('th', { scope: 'row' }, id),
      el('td', {}, (item && item.kind) || (requested.get(id) || {}).kind || ''),
      el('td', {}, el('span', { class: `state state-${state}` }, label), error),
      el('td', {}, providerModel(item || requested.get(id))),
      el('td', { class: 'num' }, item ? String(item.attempts.length) : ''),
      el('td', { class: 'num' }, item ? formatMs(item.durationMs) : sofar),
      el('td', { class: 'num' }, tokens(item)),
      el('td', { class: 'num' }, item ? (item.cached ? `saved ${formatUsd(item.costSavedUsd)}` : formatUsd(item.costUsd)) : ''),
      el('td', { class: 'files' }, files, findings));
  });
  $('#items-table tbody').replaceChildren(...rows);
}

function renderSummary(record) {
  const box = $('#summary');
  const summary = record.summary;
  box.hidden = !summary;
  if (!summary) return;
  const entries = [
    ['Wall time', formatMs(summary.wallMs)],
    ['Sum of item times', formatMs(summary.sumItemMs)],
    ['Speedup', `${Number(summary.speedup).toFixed(2)}×`],
    ['Cache hits', `${summary.cacheHits} of ${summary.total}`],
    ['Tokens in / out', `${summary.inputTokens} / ${summary.outputTokens}`],
    ['Cost', formatUsd(summary.costUsd)],
    ['Cost saved', formatUsd(summary.costSavedUsd)],
    ['Succeeded / invalid / failed', `${summary.succeeded} / ${summary.invalid} / ${summary.failed}`],
  ];
  if (summary.failure) entries.push(['Why the job failed', `${summary.failure.error || ''} ${summary.failure.cause || ''}`]);
  box.replaceChildren(...entries.map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
}

/** Shows a job record (from a poll, or a sync submission's answer). */
export function showRecord(record) {
  if (current.jobId !== record.jobId) {
    current = { ...current, jobId: record.jobId, documentItems: [] };
  }
  current.record = record;
  $('#run-empty').hidden = true;
  $('#run-body').hidden = false;
  $('#run-job').textContent = record.jobId;
  const progress = record.progress || { done: (record.items || []).length, total: (record.items || []).length };
  $('#run-progress').max = Math.max(1, progress.total);
  $('#run-progress').value = progress.done;
  const ended = ENDED.has(record.status);
  const states = statesOf(record);
  const pending = ended ? '' : pendingWords(states);
  const text = `${record.status.toLowerCase()}: ${progress.done} of ${progress.total} item(s) ended${pending ? `; ${pending}` : ''}`;
  // Written only when it changes, so a screen reader hears each step of the job once.
  if ($('#run-status').textContent !== text) $('#run-status').textContent = text;
  // The pace changes with every poll: beside the status, not in it, so it is not read out each time.
  $('#run-pace').textContent = !ended && progress.itemsPerSecond != null
    ? `${progress.itemsPerSecond} item(s)/s, about ${formatSeconds(progress.etaSeconds)} left` : '';
  $('#run-status').dataset.status = record.status;
  $('#bundle').disabled = !ended;
  $('#rerun').disabled = !ended;
  renderRows(record, states);
  renderPager(record);
  renderSummary(record);
  renderTimeline($('#timeline'), record, ended, [...states.values()].filter(state => state.state === 'calling'));
}

/** Where the rows are among a large job's items, and the way to the pages before and after. */
function renderPager(record) {
  const page = record.page;
  $('#run-page').hidden = !page;
  if (!page) return;
  const shown = (record.itemStates || []).length;
  $('#run-page-text').textContent = `Items ${page.from + 1}–${page.from + shown} of ${page.total}`;
  $('#page-prev').disabled = current.pages.length === 0;
  $('#page-next').disabled = !page.next;
}

/** Shows the page at that link (null: the first) and watches it. */
function turnTo(page, pages) {
  current = { ...current, page, pages };
  current.generation += 1;
  poll(current.generation, FIRST_DELAY_MS);
}

/** What tells one poll from the next: the items' states. */
function fingerprint(record) {
  return record ? (record.itemStates || []).map(state => state.state).join() + record.status : '';
}

function schedule(generation, delay) {
  clearTimeout(current.timer);
  current.timer = setTimeout(() => poll(generation, delay), delay);
}

async function poll(generation, delay) {
  if (generation !== current.generation) return;
  if (document.hidden) {
    document.addEventListener('visibilitychange', () => schedule(generation, FIRST_DELAY_MS), { once: true });
    return;
  }
  const before = fingerprint(current.record);
  try {
    const record = await api.job(current.jobId, current.page);
    if (generation !== current.generation) return;
    notify(null);
    showRecord(record);
    if (ENDED.has(record.status)) return;
    const changed = fingerprint(record) !== before;
    schedule(generation, changed ? FIRST_DELAY_MS : Math.min(MAX_DELAY_MS, delay * 1.6));
  } catch (error) {
    if (generation !== current.generation) return;
    notify(error.message);
    if (error instanceof ApiError && error.status === 404) return;
    const wait = error.retryAfter != null ? error.retryAfter * 1000 : Math.min(MAX_DELAY_MS * 2, delay * 2);
    schedule(generation, Math.max(FIRST_DELAY_MS, wait));
  }
}

/** Opens a job by id and watches it until it ends. */
export async function showJob(jobId) {
  if (current.jobId === jobId && current.timer && current.record && !ENDED.has(current.record.status)) return;
  current.generation += 1;
  const generation = current.generation;
  clearTimeout(current.timer);
  if (current.jobId !== jobId) {
    current = { ...current, jobId, record: null, documentItems: [], page: null, pages: [] };
    $('#file-view').hidden = true;
    $('#run-page').hidden = true;
    $('#items-table tbody').replaceChildren();
    $('#timeline').replaceChildren();
    $('#summary').hidden = true;
    $('#run-job').textContent = jobId;
    $('#run-status').textContent = 'loading…';
    delete $('#run-status').dataset.status;
  }
  try {
    const batch = await api.documentPage(jobId);
    if (generation === current.generation) current.documentItems = batch.items;
  } catch (error) {
    // The rows then list the items as they end.
  }
  poll(generation, FIRST_DELAY_MS);
}

function showFile(item, file) {
  openFile = { item, file };
  const view = $('#file-view');
  view.hidden = false;
  $('#file-title').textContent = `${item.id}/${file.path}`;
  $('#file-status').textContent = '';
  const content = file.content;
  if (content == null && file.url) {
    $('#file-code').replaceChildren('Loading…');
    api.file(file.url).then(text => {
      file.content = text;
      showFile(item, file);
    }).catch(error => notify(error.message));
    return;
  }
  // Findings that name no file (a tool that could not run) concern every file of the item.
  const findings = ((item.validation && item.validation.findings) || [])
    .filter(finding => finding.path === file.path || !finding.path);
  const byLine = new Map();
  findings.forEach(finding => {
    const line = finding.line || 0;
    byLine.set(line, [...(byLine.get(line) || []), finding]);
  });
  $('#file-findings').replaceChildren(...findings.map(finding => el('li', { class: `finding sev-${(finding.severity || '').toLowerCase()}` },
    `${finding.severity}${finding.line ? ` line ${finding.line}` : ''} ${finding.rule}: ${finding.message}`,
    finding.fix ? el('span', { class: 'hint' }, ` Fix: ${finding.fix}`) : null)));
  const language = languageOf(file.path);
  const lines = content.split('\n');
  const rendered = lines.map((text, index) => {
    const number = index + 1;
    const notes = byLine.get(number) || [];
    const row = el('span', { class: notes.length ? 'line annotated' : 'line', 'data-line': number },
      el('span', { class: 'ln', 'aria-hidden': 'true' }, String(number)), highlightLine(text, language), '\n');
    if (!notes.length) return row;
    return [row, ...notes.map(finding => el('span', { class: `annotation sev-${(finding.severity || '').toLowerCase()}`, role: 'note' },
      `↑ ${finding.severity} ${finding.rule}: ${finding.message}\n`))];
  });
  $('#file-code').replaceChildren(...rendered.flat());
  $('#file-code').dataset.language = language;
  view.scrollIntoView({ block: 'nearest' });
}

async function copyFile() {
  if (!openFile) return;
  try {
    await navigator.clipboard.writeText(openFile.file.content);
    $('#file-status').textContent = 'Copied.';
  } catch (error) {
    const selection = window.getSelection();
    selection.selectAllChildren($('#file-code'));
    $('#file-status').textContent = 'Selected: press Ctrl+C to copy.';
  }
}

async function downloadBundle() {
  const jobId = current.jobId;
  try {
    let response = await api.bundle(jobId);
    let part = 1;
    for (;;) {
      download(part === 1 ? `${jobId}.zip` : `${jobId}-part${part}.zip`, await response.blob());
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') || '');
      if (!next) break;
      part += 1;
      response = await request('GET', next[1]);
    }
    $('#run-status').dataset.bundle = 'downloaded';
  } catch (error) {
    notify(error.message);
  }
}

async function rerun() {
  try {
    await submit(await api.document(current.jobId), null);
  } catch (error) {
    notify(error.message);
  }
}

export function initRun() {
  // The timeline is drawn at its box's width, so it is drawn again when the window's width changes.
  let resizing = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (current.record) showRecord(current.record); }, 150);
  });
  $('#file-copy').addEventListener('click', copyFile);
  $('#file-download').addEventListener('click', () => openFile
    && download(openFile.file.path.split('/').pop(), openFile.file.content));
  $('#bundle').addEventListener('click', downloadBundle);
  $('#page-next').addEventListener('click', () => current.record && current.record.page && current.record.page.next
    && turnTo(current.record.page.next, [...current.pages, current.page]));
  $('#page-prev').addEventListener('click', () => current.pages.length
    && turnTo(current.pages[current.pages.length - 1], current.pages.slice(0, -1)));
  $('#rerun').addEventListener('click', rerun);
}
