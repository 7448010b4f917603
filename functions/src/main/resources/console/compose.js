// Composing a batch: the form (document settings, items with kind, prompt, params, provider, model, options)
// or a pasted/uploaded document; submitting it; the API's validation errors beside the fields they name.
import { api, ApiError, seconds } from './api.js';
import { $, $$, el } from './dom.js';
import { go, notify } from './shell.js';
import { showRecord } from './run.js';

let kinds = [];
let providers = [];
let counter = 0;

/** What the params (or options) text is: {ok, value} or {ok: false, message}. */
export function parseObject(text) {
  if (!text.trim()) {
    return { ok: true, value: undefined };
  }
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, message: 'must be a JSON object, like {"port": 8080}' };
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `not valid JSON yet${where(text, error)}: check the quotes, commas and braces` };
  }
}

/** Where JSON.parse stopped, as " (line L, column C)", from the offset its message gives; '' without one. */
function where(text, error) {
  const offset = /position (\d+)/.exec(String(error && error.message));
  if (!offset) return '';
  const before = text.slice(0, Number(offset[1]));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

function providerOptions(select, emptyLabel) {
  select.replaceChildren(el('option', { value: '' }, emptyLabel));
  for (const provider of providers) {
    select.append(el('option', { value: provider.name },
      provider.configured ? provider.name : `${provider.name} (not configured)`));
  }
}

function errorLine(field) {
  return el('p', { class: 'error', 'data-error-for': field, id: `error-${field.replace(/[^a-z0-9]/gi, '-')}` });
}

/** The ids that describe a control: its hint (kept by id, which never changes) and its field's error line. */
function describe(control) {
  const error = `error-${control.dataset.field.replace(/[^a-z0-9]/gi, '-')}`;
  control.setAttribute('aria-describedby', control.dataset.hint ? `${control.dataset.hint} ${error}` : error);
}

function field(label, control, fieldPath, hint) {
  const id = `f-${fieldPath.replace(/[^a-z0-9]/gi, '-')}-${counter}`;
  control.id = id;
  control.setAttribute('data-field', fieldPath);
  if (hint) {
    hint.id = `${id}-hint`;
    control.dataset.hint = hint.id;
  }
  describe(control);
  return el('div', { class: 'field' }, el('label', { for: id }, label), control, hint || null, errorLine(fieldPath));
}

/** Re-labels every item's fields after one is removed, so field paths match the document's indexes. */
function renumber() {
  $$('#items .item').forEach((item, index) => {
    item.dataset.index = index;
    $('legend', item).textContent = `Item ${index + 1}`;
    $$('[data-field]', item).forEach(control => {
      control.dataset.field = control.dataset.field.replace(/^items\[\d+\]/, `items[${index}]`);
    });
    $$('[data-error-for]', item).forEach(line => {
      line.dataset.errorFor = line.dataset.errorFor.replace(/^items\[\d+\]/, `items[${index}]`);
      line.id = `error-${line.dataset.errorFor.replace(/[^a-z0-9]/gi, '-')}`;
    });
    $$('[data-field]', item).forEach(describe);
  });
}

function watchJson(textarea, what) {
  const check = () => {
    const parsed = parseObject(textarea.value);
    const line = textarea.parentElement.querySelector('.error');
    textarea.setAttribute('aria-invalid', String(!parsed.ok));
    line.textContent = parsed.ok ? '' : `${what} ${parsed.message}`;
  };
  textarea.addEventListener('input', check);
  return check;
}

function kindDoc(kindName) {
  const kind = kinds.find(candidate => candidate.name === kindName);
  if (!kind) {
    return '';
  }
  return `${kind.description}. Files: ${kind.defaultFiles.join(', ')}. Params: ${kind.params || 'none'}.`;
}

/** Adds one item to the form, filled from a document item when given. */
export function addItem(values = {}) {
  counter += 1;
  const index = $$('#items .item').length;
  const base = `items[${index}]`;
  const kindSelect = el('select', {}, kinds.map(kind => el('option', { value: kind.name }, kind.name)));
  kindSelect.value = values.kind || (kinds[0] && kinds[0].name) || '';
  const doc = el('p', { class: 'hint kind-doc' }, kindDoc(kindSelect.value));
  const params = el('textarea', { rows: 3, spellcheck: 'false', class: 'json', placeholder: '{"port": 8080}' });
  params.value = values.params ? JSON.stringify(values.params, null, 1) : '';
  const options = el('textarea', { rows: 2, spellcheck: 'false', class: 'json',
    placeholder: '{"temperature": 0.2, "maxTokens": 4096}' });
  options.value = values.options ? JSON.stringify(values.options) : '';
  const provider = el('select');
  providerOptions(provider, 'the batch\'s');
  provider.value = values.provider || '';
  const input = el('textarea', { rows: 4, spellcheck: 'false' });
  input.value = values.input || '';
  const inputField = field('Input to review', input, `${base}.input`);
  const showInput = () => {
    const kind = kinds.find(candidate => candidate.name === kindSelect.value);
    inputField.hidden = !(kind && kind.takesInput);
  };
  kindSelect.addEventListener('change', () => {
    doc.textContent = kindDoc(kindSelect.value);
    showInput();
  });
  const remove = el('button', { type: 'button', class: 'secondary remove' }, 'Remove');
  const item = el('fieldset', { class: 'item', 'data-index': index },
    el('legend', {}, `Item ${index + 1}`),
    el('div', { class: 'grid' },
      field('Id', el('input', { value: values.id || `item-${counter}`, autocomplete: 'off', spellcheck: 'false' }),
        `${base}.id`),
      field('Kind', kindSelect, `${base}.kind`, doc),
      field('Provider', provider, `${base}.provider`),
      field('Model', el('input', { value: values.model || '', placeholder: 'the provider\'s default' }),
        `${base}.model`),
      field('Fallback providers', el('input', { value: (values.fallback || []).join(', '),
        placeholder: 'the batch\'s', autocomplete: 'off', spellcheck: 'false' }), `${base}.fallback`,
        el('p', { class: 'hint' }, 'Tried in turn, each with its default model, when the provider fails.'))),
    field('Prompt', el('textarea', { rows: 2 }), `${base}.prompt`),
    el('div', { class: 'grid two' },
      field('Params (JSON object)', params, `${base}.params`),
      field('Options (JSON object)', options, `${base}.options`)),
    inputField,
    errorLine(base),
    remove);
  $('textarea[data-field$=".prompt"]', item).value = values.prompt || '';
  remove.addEventListener('click', () => {
    item.remove();
    renumber();
    const next = $('#items .item input');
    (next || $('#add-item')).focus();
  });
  watchJson(params, 'Params');
  watchJson(options, 'Options');
  showInput();
  $('#items').append(item);
  return item;
}

function value(root, suffix) {
  const control = $(`[data-field$="${suffix}"]`, root);
  return control && !control.closest('[hidden]') ? control.value.trim() : '';
}

/** Provider names as typed: separated by commas or spaces. */
function providerList(text) {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The batch document the form describes; null (with the bad fields marked) when a JSON field is not valid. */
function documentFromForm() {
  const batch = {};
  const provider = $('#doc-provider').value;
  const model = $('#doc-model').value.trim();
  const fallback = providerList($('#doc-fallback').value);
  const cache = $('#doc-cache').value;
  if (provider) batch.provider = provider;
  if (model) batch.model = model;
  if (fallback.length) batch.fallback = fallback;
  if (cache) batch.options = { cache };
  batch.mode = $('#doc-mode').value;
  let valid = true;
  batch.items = $$('#items .item').map(item => {
    const entry = { id: value(item, '.id'), kind: value(item, '.kind'), prompt: $('textarea[data-field$=".prompt"]', item).value };
    for (const [name, what] of [['params', 'Params'], ['options', 'Options']]) {
      const control = $(`[data-field$=".${name}"]`, item);
      const parsed = parseObject(control.value);
      if (!parsed.ok) {
        valid = false;
        control.parentElement.querySelector('.error').textContent = `${what} ${parsed.message}`;
      } else if (parsed.value !== undefined) {
        entry[name] = parsed.value;
      }
    }
    for (const name of ['provider', 'model', 'input']) {
      const text = value(item, `.${name}`);
      if (text) entry[name] = text;
    }
    const itemFallback = providerList(value(item, '.fallback'));
    if (itemFallback.length) entry.fallback = itemFallback;
    return entry;
  });
  return valid ? batch : null;
}

function clearErrors() {
  $$('[data-error-for]').forEach(line => { line.textContent = ''; });
  $$('[aria-invalid="true"]').forEach(control => control.removeAttribute('aria-invalid'));
}

/** Puts each problem beside the field it names, or the nearest enclosing one the form shows. */
export function showFieldErrors(errors, root = document) {
  let first = null;
  for (const error of errors) {
    let path = error.field || '$';
    let line = null;
    while (!line) {
      line = $$('[data-error-for]', root).find(candidate => candidate.dataset.errorFor === path && !candidate.closest('[hidden]'));
      if (line || path === '$') break;
      const shorter = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      path = shorter === path || !shorter ? '$' : shorter;
    }
    if (!line) continue;
    const message = error.field && error.field !== path ? `${error.field}: ${error.message}` : error.message;
    line.textContent = line.textContent ? `${line.textContent} ${message}` : message;
    const control = $(`[data-field="${CSS.escape(path)}"]`, root);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      first = first || control;
    }
  }
  if (first) first.focus();
}

/** How many times a submission the API could not start yet (429, 503) is sent again by itself. */
const MAX_RESUBMISSIONS = 30;

function later(seconds) {
  return new Promise(resolve => setTimeout(resolve, seconds * 1000));
}

/**
 * Submits a batch document (object or JSON text) and shows its run. A job the API could not start yet (too
 * many running, or busy) was not stored, so the same document is sent again after the wait the API asked for.
 * {@code status} is an element for short progress words, or null.
 */
export async function submit(batch, status, resubmission = 0) {
  const say = text => { if (status) status.textContent = text; };
  clearErrors();
  say('Sending…');
  try {
    const answer = await api.submit(batch);
    say('');
    notify(null);
    if (answer.status === 200 && answer.body.items) {
      showRecord(answer.body);
    }
    go(`#run/${answer.body.jobId}`);
  } catch (error) {
    say('');
    if (error instanceof ApiError && (error.status === 429 || error.status === 503)
        && resubmission < MAX_RESUBMISSIONS) {
      const wait = Math.max(1, error.retryAfter == null ? 5 : error.retryAfter);
      const why = error.status === 429 ? 'the API is running as many jobs as it allows'
        : 'the API is busy or starting up';
      const text = `Not started yet: ${why}. The console sends the batch again in ${seconds(wait)}.`;
      notify(text, 'info');
      say(text);
      await later(wait);
      return submit(batch, status, resubmission + 1);
    }
    if (error instanceof ApiError && error.status === 400) {
      showFieldErrors(error.fieldErrors, $('#compose-form'));
      say(`Not sent: ${error.fieldErrors.length} problem(s), shown beside the fields.`);
    } else {
      notify(error.message);
    }
    throw error;
  }
}

/** Fills the form from a batch document (pasted, uploaded, or a job's, to run again). */
export function loadDocument(batch) {
  $('#items').replaceChildren();
  $('#doc-provider').value = batch.provider || '';
  $('#doc-model').value = batch.model || '';
  $('#doc-fallback').value = (batch.fallback || []).join(', ');
  $('#doc-cache').value = (batch.options && batch.options.cache) || '';
  $('#doc-mode').value = batch.mode || 'async';
  (batch.items || []).forEach(item => addItem(item));
  clearErrors();
}

function initDocumentBox() {
  const text = $('#document-text');
  const state = $('#document-state');
  const check = () => {
    const parsed = parseObject(text.value);
    state.textContent = !text.value.trim() ? '' : parsed.ok
      ? `Valid JSON, ${(parsed.value.items || []).length} item(s).` : `The document is ${parsed.message}`;
    return parsed;
  };
  text.addEventListener('input', check);
  $('#document-file').addEventListener('change', async event => {
    const file = event.target.files[0];
    if (file) {
      text.value = await file.text();
      check();
    }
  });
  $('#document-load').addEventListener('click', () => {
    const parsed = check();
    if (parsed.ok && parsed.value) {
      loadDocument(parsed.value);
      $('#items input')?.focus();
    }
  });
  $('#document-submit').addEventListener('click', async () => {
    const parsed = check();
    if (!parsed.ok || !parsed.value) return;
    try {
      await submit(text.value, state);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        state.textContent = error.fieldErrors.map(problem => `${problem.field}: ${problem.message}`).join('\n');
      }
    }
  });
}

export async function initCompose() {
  $('#add-item').addEventListener('click', () => $('input', addItem()).focus());
  $('#compose-form').addEventListener('submit', async event => {
    event.preventDefault();
    const batch = documentFromForm();
    if (!batch) {
      $('#submit-status').textContent = 'Fix the JSON fields marked first.';
      return;
    }
    try {
      await submit(batch, $('#submit-status'));
    } catch (ignored) {
      // shown beside the fields or in the notice
    }
  });
  initDocumentBox();
  ensureKinds();
}

let kindsLoaded = null;
let kindsRetryMs = 2000;

/**
 * Loads the kinds and providers the form offers, once. When the API cannot answer yet (unreachable, busy, a
 * token missing) it says so and tries again: by itself after a growing wait, or when a token is entered.
 */
export function ensureKinds() {
  if (!kindsLoaded) {
    kindsLoaded = Promise.all([api.kinds(), api.providers()]).then(([kindList, providerList]) => {
      kinds = kindList.kinds;
      providers = providerList.providers;
      providerOptions($('#doc-provider'), `default (${providerList.defaultProvider})`);
      providerOptions($('#purge-provider'), 'any');
      $('#purge-kind').replaceChildren(el('option', { value: '' }, 'any'),
        ...kinds.map(kind => el('option', { value: kind.name }, kind.name)));
      if (!$('#items .item')) addItem();
      notify(null);
      document.body.dataset.ready = 'true';
    }).catch(error => {
      kindsLoaded = null;
      if (error.status !== 401) {
        notify(`${error.message} (The kinds a batch can ask for could not be loaded yet.)`);
        setTimeout(ensureKinds, kindsRetryMs);
        kindsRetryMs = Math.min(30000, kindsRetryMs * 2);
      }
    });
  }
  return kindsLoaded;
}
