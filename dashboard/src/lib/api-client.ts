/**
 * The one way the dashboard talks to the API: GET (and, for the cycle's pages, POST, PATCH and
 * DELETE) with the tab's token, JSON back, and every failure as an ApiProblem carrying the API's
 * stable code and message.
 */
import { clearToken, getToken } from './token.js';

export type Params = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export function queryString(params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, String(x));
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** Answers started by `prefetch`, by URL, until a component asks for them (or they are 10 s old). */
const early = new Map<string, { readonly at: number; readonly token: string; readonly answer: Promise<unknown> }>();
const EARLY_MS = 10_000;

/**
 * Starts a GET before the component that needs it has loaded (the first page's chunk is still
 * on its way): the first `apiGet` of the same URL and token takes this answer instead of asking again.
 */
export function prefetch(path: string, params?: Params): void {
  const token = getToken();
  if (token === null) return;
  const url = `${path}${queryString(params)}`;
  const answer = request(url, token);
  answer.catch(() => undefined); // the component that asks reports it
  early.set(url, { at: performance.now(), token, answer });
}

/** `token` overrides the tab's token (the sign-in form checks a candidate before keeping it). */
export async function apiGet<T>(path: string, params?: Params, signal?: AbortSignal, token = getToken()): Promise<T> {
  const url = `${path}${queryString(params)}`;
  const started = early.get(url);
  if (started !== undefined) {
    early.delete(url);
    if (started.token === token && performance.now() - started.at < EARLY_MS) return started.answer as Promise<T>;
  }
  return request<T>(url, token, signal);
}

/** GET of a text answer (the policy brief is Markdown); failures as `apiGet`'s. */
export const apiGetText = (path: string, accept: string, signal?: AbortSignal): Promise<string> =>
  request<string>(path, getToken(), signal, accept);

/**
 * A write: `body` as JSON (none for DELETE or a body-less POST). The answer's JSON, or undefined
 * for 204; a refusal is the ApiProblem the API sent (a 409 names the moves that are allowed).
 */
export const apiSend = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> =>
  request<T>(path, getToken(), undefined, undefined, { method, body });

/** POST of a JSON body (answering a survey); failures as `apiGet`'s, with the API's field in the message. */
export const apiPost = <T>(path: string, body: unknown): Promise<T> => apiSend<T>('POST', path, body);

async function request<T>(
  url: string,
  token: string | null,
  signal?: AbortSignal,
  accept?: string,
  write?: { readonly method: string; readonly body: unknown },
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        Accept: accept ?? 'application/json',
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        ...(write?.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(write === undefined ? {} : { method: write.method }),
      ...(write?.body === undefined ? {} : { body: JSON.stringify(write.body) }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiProblem(0, 'ERR_NETWORK', 'the server cannot be reached; is `ileanet serve` running?');
  }
  if (res.status === 204) return undefined as T;
  if (res.ok) return (accept === undefined ? await res.json() : await res.text()) as T;
  let body: { code?: string; message?: string; requestId?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not the API's JSON (a proxy's error page): the status says enough.
  }
  // An unknown or revoked token: back to the sign-in form, with the reason.
  const message = body.message ?? res.statusText;
  if (res.status === 401 && token === getToken()) clearToken(message);
  throw new ApiProblem(res.status, body.code ?? `HTTP_${res.status}`, message, body.requestId);
}
