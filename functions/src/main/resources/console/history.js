// Recent jobs: the caller's own, newest first, from the store (so they survive a restart), a page at a time.
import { api } from './api.js';
import { $, el, formatUsd } from './dom.js';
import { loadDocument, submit } from './compose.js';
import { go, notify } from './shell.js';

let next = null;

function row(job) {
  const summary = job.summary;
  return el('tr', { 'data-job': job.jobId },
    el('th', { scope: 'row' }, el('a', { href: `#run/${encodeURIComponent(job.jobId)}` }, job.jobId)),
    el('td', {}, new Date(job.createdAt).toLocaleString()),
    el('td', {}, job.status.toLowerCase()),
    el('td', { class: 'num' }, String(job.items)),
    el('td', { class: 'num' }, summary ? `${Number(summary.speedup).toFixed(2)}×` : ''),
    el('td', { class: 'num' }, summary ? formatUsd(summary.costUsd) : ''),
    el('td', { class: 'row-actions' },
      el('button', { type: 'button', class: 'secondary rerun', onclick: () => rerun(job.jobId) }, 'Re-run'),
      el('button', { type: 'button', class: 'secondary edit', onclick: () => edit(job.jobId) }, 'Edit a copy')));
}

async function rerun(jobId) {
  try {
    await submit(await api.document(jobId), $('#submit-status'));
  } catch (error) {
    notify(error.message);
  }
}

async function edit(jobId) {
  try {
    loadDocument(await api.document(jobId));
    go('#compose');
  } catch (error) {
    notify(error.message);
  }
}

async function loadPage(append) {
  try {
    const page = await api.jobs(append ? next : null);
    next = page.next || null;
    const rows = page.jobs.map(row);
    if (append) {
      $('#history-table tbody').append(...rows);
    } else {
      $('#history-table tbody').replaceChildren(...rows);
    }
    $('#history-empty').hidden = $('#history-table tbody').children.length > 0;
    $('#history-more').hidden = !next;
    notify(null);
  } catch (error) {
    notify(error.message);
  }
}

export function loadHistory() {
  return loadPage(false);
}

export function initHistory() {
  $('#history-refresh').addEventListener('click', () => loadPage(false));
  $('#history-more').addEventListener('click', () => loadPage(true));
}
