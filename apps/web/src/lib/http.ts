import { type ErrorCode, errorMessages, errorStatus, retryAfterMessage } from '@kizuna/contract';
import { currentLocale, i18n } from '../i18n';

/** Field name (without the `body.` prefix) → message, already in the user's language. */
export type FieldErrors = Record<string, string>;

/** Every failed request becomes one of these: a code, a message for people, and field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in errorStatus;
}

/** better-auth answers `{ code, message }` in English: our own words replace its text. */
function authErrorMessage(status: number, code: unknown): string {
  if (typeof code === 'string' && i18n.exists(`identity.authErrors.${code}`))
    return i18n.t(`identity.authErrors.${code}`);
  if (status === 429) return errorMessages.rate_limited[currentLocale()];
  if (status >= 500) return errorMessages.internal[currentLocale()];
  return i18n.t('identity.authErrors.generic');
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  const body = payload as
    | { error?: { code?: unknown; message?: unknown; fields?: { path: string; message: string }[] } }
    | { code?: unknown; message?: unknown }
    | undefined;
  if (body && 'error' in body && body.error && isErrorCode(body.error.code)) {
    const fields: FieldErrors = {};
    for (const f of body.error.fields ?? []) {
      const name = f.path.replace(/^(body|query|params)\./, '');
      fields[name] ??= f.message;
    }
    return new ApiError(
      response.status,
      body.error.code,
      typeof body.error.message === 'string'
        ? body.error.message
        : errorMessages[body.error.code][currentLocale()],
      fields,
    );
  }
  const code = body && 'code' in body ? body.code : undefined;
  if (response.status === 429) {
    // better-auth's own limit sends X-Retry-After; ours sends Retry-After (and words already)
    const seconds = Number(response.headers.get('retry-after') ?? response.headers.get('x-retry-after'));
    return new ApiError(429, 'rate_limited', retryAfterMessage(seconds, currentLocale()));
  }
  // a proxy in front, or the server shedding load, can answer 503 with no body of ours
  if (response.status === 503) return new ApiError(503, 'busy', errorMessages.busy[currentLocale()]);
  if (response.status >= 500)
    return new ApiError(response.status, 'internal', errorMessages.internal[currentLocale()]);
  return new ApiError(
    response.status,
    typeof code === 'string' ? code : 'unknown',
    authErrorMessage(response.status, code),
  );
}

/** Raw bytes sent as they are (a file upload), with their content type. */
export interface RawBody {
  raw: Blob;
  contentType: string;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body && body.raw instanceof Blob;
}

/** JSON request to our own server (same origin, cookies), in the UI's language. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
  };
  let payload: BodyInit | undefined;
  if (isRawBody(body)) {
    headers['Content-Type'] = body.contentType;
    payload = body.raw;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: payload });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A file's bytes as the request body (e.g. a CSV upload). */
  upload: <T>(path: string, file: Blob, contentType: string) =>
    request<T>('POST', path, { raw: file, contentType } satisfies RawBody),
};

/** Query string from the defined values only. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The message to show for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18n.t('errors.generic');
}

export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fields : {};
}
