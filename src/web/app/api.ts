/** Thin fetch wrapper for the Vigil HTTP API (see docs/API.md). */

export type FieldIssue = { field: string; location?: string; message: string };

export type ListResponse<T> = { items: T[]; total: number; page: number; pageSize: number };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session expired or was revoked. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds `?a=1&b=x`, skipping empty values so URLs stay short and cache-friendly. */
export function buildQuery(params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: QueryParams;
  /** JSON-serialisable body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect to the login page on 401 (used by the session check and the login form). */
  isAuthProbe?: boolean;
};

const writeMethods = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (writeMethods.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path + buildQuery(options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "The server could not be reached");
  }

  if (response.status === 401 && !options.isAuthProbe) unauthorizedHandler?.();
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return (await response.text()) as T;
  return (await response.json()) as T;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const data = (await response.json()) as { error?: string; message?: string; issues?: FieldIssue[] };
    return new ApiError(
      response.status,
      data.error ?? `http_${response.status}`,
      data.message ?? response.statusText,
      Array.isArray(data.issues) ? data.issues : [],
    );
  } catch {
    return new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: "POST", body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: "PATCH", body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: "PUT", body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: "DELETE" }),
};

/** Uploads one file as multipart field `file`. */
export function uploadFile<T>(path: string, file: File, method: "POST" | "PUT" = "POST"): Promise<T> {
  const form = new FormData();
  form.append("file", file);
  return apiRequest<T>(path, { method, body: form });
}
