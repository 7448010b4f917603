// The console's shell: sections by URL hash, the notice line, the token and confirmation dialogs.
import { onUnauthorized, setToken, token } from './api.js';
import { $, $$ } from './dom.js';
import { notify } from './shell.js';
import { initCompose } from './compose.js';
import { initRun, showJob } from './run.js';
import { initHistory, loadHistory } from './history.js';
import { initCache, loadCache } from './cache.js';

const VIEWS = ['compose', 'run', 'history', 'cache'];

function askForToken(why) {
  const dialog = $('#token-dialog');
  if (dialog.open) {
    return;
  }
  if (why) {
    $('#token-why').textContent = why;
  }
  $('#token-input').value = token();
  dialog.showModal();
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
