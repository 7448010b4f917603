// The console's shell: sections by URL hash, the notice line, the token and confirmation dialogs.
import { onUnauthorized, setToken, token } from './api.js';
import { $, $$ } from './dom.js';
import { notify, openModal } from './shell.js';
import { ensureKinds, initCompose } from './compose.js';
import { initRun, showJob } from './run.js';
import { initHistory, loadHistory } from './history.js';
import { initCache, loadCache } from './cache.js';

const VIEWS = ['compose', 'run', 'history', 'cache'];

const TOKEN_WHY = $('#token-why').textContent;

/** Opens the token dialog, saying why (the API's refusal) or, when asked from the header, what a token is for. */
function askForToken(why) {
  const dialog = $('#token-dialog');
  if (dialog.open) {
    return;
  }
  $('#token-why').textContent = why || TOKEN_WHY;
  $('#token-input').value = token();
  openModal(dialog);
}

function route() {
  const [name, argument] = location.hash.replace(/^#/, '').split('/');
  const view = VIEWS.includes(name) ? name : 'compose';
  for (const other of VIEWS) {
    $(`#view-${other}`).hidden = other !== view;
    const tab = $(`#tab-${other}`);
    if (other === view) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  }
  if (view === 'run' && argument) {
    showJob(decodeURIComponent(argument));
  } else if (view === 'history') {
    loadHistory();
  } else if (view === 'cache') {
    loadCache();
  }
}

function init() {
  onUnauthorized(askForToken);
  $('#token-button').addEventListener('click', () => askForToken(null));
  $('#token-dialog').addEventListener('close', () => {
    const choice = $('#token-dialog').returnValue;
    if (choice === 'save') {
      setToken($('#token-input').value.trim());
      notify(null);
      ensureKinds();
      route();
    } else if (choice === 'clear') {
      setToken('');
    }
  });
  initCompose();
  initRun();
  initHistory();
  initCache();
  window.addEventListener('hashchange', route);
  window.addEventListener('omni:route', route);
  route();
  $$('.tabs a').forEach(link => link.addEventListener('click', () => $('#main').focus()));
}

init();
