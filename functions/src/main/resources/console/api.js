// Every call the console makes goes through here: the public HTTP API only, same origin, with the bearer
// token (kept in sessionStorage, never longer) when the user gave one. Failures become plain sentences.

const TOKEN_KEY = 'omni.token';

/** An API failure a user can read: what happened, and for problem documents the fields at fault. */
export class ApiError extends Error {
  constructor(message, status, problem, retryAfter) {
    super(message);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The problem document's errors: [{field, message}]. */
  get fieldErrors() {
    return (this.problem && Array.isArray(this.problem.errors)) ? this.problem.errors : [];
  }
}

const listeners = { unauthorized: [] };

export function onUnauthorized(listener) {
  listeners.unauthorized.push(listener);
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

function retryAfterSeconds(response) {
  const header = response.headers.get('Retry-After');
  if (!header) {
    return null;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds);
  }
  const when = Date.parse(header);
  return Number.isNaN(when) ? null : Math.max(0, Math.round((when - Date.now()) / 1000));
}

/** Seconds as words: "1 second", "5 seconds". */
export function seconds(count) {
  return count === 1 ? '1 second' : `${count} seconds`;
}

async function failure(response) {
  let problem = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch (ignored) {
      problem = null;
    }
  }
  const retryAfter = retryAfterSeconds(response);
  const wait = retryAfter == null ? 'Try again in a moment.' : `Try again in ${seconds(retryAfter)}.`;
  let message;
  switch (response.status) {
    case 401:
      message = token()
        ? 'The API did not accept the token you entered: check it (it may have expired) and enter it again.'
        : 'The API needs a token before it answers: enter the bearer token you were given.';
      listeners.unauthorized.forEach(listener => listener(message));
      break;
    case 403:
      message = problem && problem.detail
        ? `The API refused this: ${problem.detail}`
        : 'The API refused this: your credentials do not allow it.';
      break;
    case 429:
      message = `The API is running as many jobs as it allows right now. ${wait}`;
      break;
    case 503:
      message = `The API is busy or starting up. ${wait}`;
      break;
    default:
      message = problem && (problem.detail || problem.message || problem.title)
        ? String(problem.detail || problem.message || problem.title)
        : `The API could not answer this request (it said error ${response.status}). Try again; if it keeps `
          + 'failing, the engine\'s log says why.';
  }
  return new ApiError(message, response.status, problem, retryAfter);
}

/** Sends one request; resolves with the Response when it is 2xx, rejects with an ApiError otherwise. */
export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token()) {
    headers.Authorization = `Bearer ${token()}`;
  }
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (networkError) {
    throw new ApiError(`The console cannot reach the API at ${location.host}: is the engine (./omni serve) still `
      + 'running? The console keeps trying.', 0, null, null);
  }
  if (!response.ok) {
    throw await failure(response);
  }
  return response;
}

export async function json(method, path, body) {
  const response = await request(method, path, body);
  return response.status === 204 ? null : response.json();
}

/** The most a request body may hold (BatchLimits.MAX_DOCUMENT_BYTES); a larger document is uploaded first. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Sends a batch document: in the body, or, when it is larger than a body may be, to an upload URL first (the
 * API's own path locally, a pre-signed S3 URL deployed, which takes no Authorization header) and then by its id.
 */
async function submitDocument(document) {
  // The composer's pasted document comes as its text, sent as it is; a built one as an object.
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  if (new Blob([text]).size <= MAX_BODY_BYTES) {
    return request('POST', '/v1/generations', text);
  }
  const upload = await json('POST', '/v1/uploads', { format: 'json' });
  if (upload.uploadUrl.startsWith('/')) {
    await request('PUT', upload.uploadUrl, text);
  } else {
    const put = await fetch(upload.uploadUrl, { method: 'PUT', body: text });
    if (!put.ok) throw new ApiError(`The upload of the batch document failed (${put.status}).`, put.status, null, null);
  }
  return request('POST', '/v1/generations', { upload: upload.uploadId });
}

export const api = {
  kinds: () => json('GET', '/v1/kinds'),
  providers: () => json('GET', '/v1/providers'),
  submit: document => submitDocument(document)
    .then(async response => ({ status: response.status, body: await response.json() })),
  // A job of more items than a page holds comes a page at a time: `page` is a `next` link of the API's.
  job: (jobId, page) => json('GET', page || `/v1/generations/${encodeURIComponent(jobId)}`),
  jobs: next => json('GET', next || '/v1/generations?limit=20'),
  // A job's document as it ran; a large one's first page only (the rows of a page need no more).
  documentPage: jobId => json('GET', `/v1/generations/${encodeURIComponent(jobId)}/document`),
  // A large job's document comes a page at a time: every page, gathered into one document (a re-run).
  document: async jobId => {
    let page = await json('GET', `/v1/generations/${encodeURIComponent(jobId)}/document`);
    const items = [...page.items];
    while (page.page && page.page.next) {
      page = await json('GET', page.page.next);
      items.push(...page.items);
    }
    return { items };
  },
  bundle: jobId => request('GET', `/v1/generations/${encodeURIComponent(jobId)}/bundle`),
  file: url => request('GET', url).then(response => response.text()),
  cacheStats: () => json('GET', '/v1/cache/stats'),
  purge: filter => json('POST', '/v1/cache/purge', filter),
};
