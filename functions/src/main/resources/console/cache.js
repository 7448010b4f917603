// Cache statistics, and purging entries (by provider, kind, model) after a confirmation.
import { api, ApiError } from './api.js';
import { $, $$, el } from './dom.js';
import { confirmAction, notify } from './shell.js';
import { showFieldErrors } from './compose.js';

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function percent(ratio) {
  return ratio == null ? '—' : `${(ratio * 100).toFixed(1)} %`;
}

function row(name, counts, total) {
  return el('tr', { class: total ? 'total' : '', 'data-provider': name },
    el('th', { scope: 'row' }, name),
    el('td', { class: 'num' }, String(counts.entries)),
    el('td', { class: 'num' }, String(counts.expiredEntries)),
    el('td', { class: 'num' }, String(counts.hits)),
    el('td', { class: 'num' }, String(counts.misses)),
    el('td', { class: 'num' }, percent(counts.hitRatio)));
}

export async function loadCache() {
  try {
    const stats = await api.cacheStats();
    $('#cache-table tbody').replaceChildren(row('all providers', stats.total, true),
      ...Object.entries(stats.byProvider || {}).map(([name, counts]) => row(name, counts, false)));
    $('#cache-table').dataset.entries = String(stats.total.entries);
    const storage = stats.storage || {};
    const when = instant => (instant ? new Date(instant).toLocaleString() : '—');
    $('#cache-storage').replaceChildren(...[
      ['Stored (compressed)', formatBytes(storage.bytes || 0)],
      ['Oldest fresh entry', when(storage.oldest)],
      ['Newest fresh entry', when(storage.newest)],
    ].map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
    notify(null);
  } catch (error) {
    notify(error.message);
  }
}

async function purge(event) {
  event.preventDefault();
  const filter = {};
  for (const control of $$('#purge-form [data-field]')) {
    if (control.value.trim()) filter[control.dataset.field] = control.value.trim();
  }
  const what = Object.keys(filter).length
    ? `the cache entries of ${Object.entries(filter).map(([name, value]) => `${name} ${value}`).join(', ')}`
    : 'EVERY cache entry';
  if (!await confirmAction(`Delete ${what}? The next runs of those items call their providers again.`, 'Purge')) {
    $('#purge-status').textContent = 'Nothing was deleted.';
    return;
  }
  $$('#purge-form .error').forEach(line => { line.textContent = ''; });
  try {
    const result = await api.purge(filter);
    $('#purge-status').textContent = `Deleted ${result.deleted} entr${result.deleted === 1 ? 'y' : 'ies'}`
      + (result.complete ? '.' : '; more matched: purge again for the rest.');
    loadCache();
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      showFieldErrors(error.fieldErrors, $('#purge-form'));
    } else if (error instanceof ApiError && error.status === 403) {
      $('#purge-status').textContent = 'Purging needs administrator rights, which this token does not have.';
    } else {
      notify(error.message);
    }
  }
}

export function initCache() {
  $('#purge-form').addEventListener('submit', purge);
  $('#cache-refresh').addEventListener('click', loadCache);
}
