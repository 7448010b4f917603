// What every section shares: the notice line, the confirmation dialog, moving between sections.
import { $ } from './dom.js';

/** Shows a sentence at the top of the page; null hides it. */
export function notify(message, kind = 'error') {
  const notice = $('#notice');
  notice.hidden = !message;
  notice.textContent = message || '';
  notice.className = `notice ${kind}`;
}

/**
 * Shows a modal dialog (the browser keeps focus inside it, and Escape closes it) and, when it closes, gives
 * focus back to where it was, so a keyboard user carries on from the control that opened it.
 */
export function openModal(dialog) {
  const opener = document.activeElement;
  dialog.addEventListener('close', () => {
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
  }, { once: true });
  dialog.showModal();
}

/** Asks a yes/no question in a modal dialog; resolves true for yes. */
export function confirmAction(text, yesLabel) {
  const dialog = $('#confirm-dialog');
  $('#confirm-text').textContent = text;
  $('#confirm-yes').textContent = yesLabel || 'Yes';
  dialog.returnValue = '';
  openModal(dialog);
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'),
    { once: true }));
}

/** Goes to one section: #compose, #run/<jobId>, #history, #cache (again, if it is already shown). */
export function go(hash) {
  if (location.hash !== hash) {
    location.hash = hash;
  } else {
    window.dispatchEvent(new Event('omni:route'));
  }
}
