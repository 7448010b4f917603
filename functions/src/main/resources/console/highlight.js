// Syntax highlighting done here, offline: a few token rules per language, enough to read YAML, JSON, HCL,
// Dockerfiles, shell and Rego at a glance. Output is DOM nodes, never markup built from the file's text.
import { el } from './dom.js';

const COMMON = {
  string: /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/y,
  number: /\b\d+(?:\.\d+)?\b/y,
};

const RULES = {
  yaml: [['comment', /#.*/y], ['key', /[\w.\-/"']+(?=\s*:(?:\s|$))/y], ['string', COMMON.string],
    ['keyword', /\b(?:true|false|null|yes|no)\b/y], ['number', COMMON.number]],
  json: [['key', /"(?:[^"\\]|\\.)*"(?=\s*:)/y], ['string', COMMON.string], ['keyword', /\b(?:true|false|null)\b/y],
    ['number', /-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/y]],
  hcl: [['comment', /(?:#|\/\/).*/y], ['string', COMMON.string],
    ['keyword', /\b(?:resource|data|variable|output|module|provider|terraform|locals|true|false|null)\b/y],
    ['key', /[\w-]+(?=\s*=)/y], ['number', COMMON.number]],
  dockerfile: [['comment', /#.*/y], ['keyword', /\b(?:FROM|RUN|COPY|ADD|ENV|ARG|WORKDIR|USER|EXPOSE|CMD|ENTRYPOINT|HEALTHCHECK|LABEL|VOLUME|AS)\b/yi],
    ['string', COMMON.string], ['number', COMMON.number]],
  shell: [['comment', /#.*/y], ['string', COMMON.string],
    ['keyword', /\b(?:if|then|else|fi|for|do|done|case|esac|set|export|function)\b/y], ['number', COMMON.number]],
  rego: [['comment', /#.*/y], ['string', COMMON.string],
    ['keyword', /\b(?:package|import|default|not|some|every|in|if|contains|deny|allow|true|false)\b/y],
    ['number', COMMON.number]],
  text: [],
};

/** The language a file's name suggests. */
export function languageOf(path) {
  const name = path.split('/').pop().toLowerCase();
  if (name === 'dockerfile' || name.endsWith('.dockerfile') || name === 'containerfile') return 'dockerfile';
  const extension = name.includes('.') ? name.split('.').pop() : '';
  return ({ yaml: 'yaml', yml: 'yaml', json: 'json', tf: 'hcl', hcl: 'hcl', sh: 'shell', bash: 'shell',
    rego: 'rego' })[extension] || 'text';
}

/** One line as highlighted nodes. */
export function highlightLine(line, language) {
  const rules = RULES[language] || [];
  const nodes = [];
  let plain = '';
  let at = 0;
  while (at < line.length) {
    let matched = null;
    for (const [type, pattern] of rules) {
      pattern.lastIndex = at;
      const match = pattern.exec(line);
      if (match && match[0].length > 0) {
        matched = [type, match[0]];
        break;
      }
    }
    if (matched) {
      if (plain) nodes.push(plain);
      plain = '';
      nodes.push(el('span', { class: `tok-${matched[0]}` }, matched[1]));
      at += matched[1].length;
    } else {
      // A word is skipped whole, so rules anchored at word boundaries do not match inside it.
      const word = /[\w-]+|./y;
      word.lastIndex = at;
      const skipped = word.exec(line)[0];
      plain += skipped;
      at += skipped.length;
    }
  }
  if (plain) nodes.push(plain);
  return nodes;
}
