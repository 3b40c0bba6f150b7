import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { FetchLike } from './fetch-like';
import { errorText } from './graph-http';

/** The fetch the Graph client uses for every request, msal-node's included. */
export type { FetchLike };

/**
 * msal-node's network seam (`system.networkClient`), on a fetch we choose. Going through our
 * own fetch for token requests as well as Graph calls means one place decides where requests go
 * (a proxy, a timeout; in tests, a loopback stub, so that no test can reach the internet) and
 * that nothing here logs a request or a response: both carry secrets and tokens.
 */
export function fetchNetworkModule(fetchImpl: FetchLike, defaultTimeoutMs: number): INetworkModule {
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) =>
      send<T>(fetchImpl, url, 'GET', options, timeout ?? defaultTimeoutMs),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) =>
      send<T>(fetchImpl, url, 'POST', options, defaultTimeoutMs),
  };
}

async function send<T>(
  fetchImpl: FetchLike,
  url: string,
  method: 'GET' | 'POST',
  options: NetworkRequestOptions | undefined,
  timeoutMs: number,
): Promise<NetworkResponse<T>> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(timeoutMs) };
  if (options?.headers) init.headers = options.headers;
  if (method === 'POST' && options?.body !== undefined) init.body = options.body;
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (error) {
    // msal turns a rejection into its own network error; say where, never what was sent.
    throw new Error(`Token request to ${new URL(url).origin} failed: ${errorText(error)}`);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const text = await response.text();
  return { status: response.status, headers, body: parseBody(text, response.status) as T };
}

/**
 * msal reads error responses as OAuth error objects. A proxy's HTML error page is not one, so
 * it becomes one here, and msal reports a server error rather than a JSON parse failure.
 */
function parseBody(text: string, status: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: 'unreadable_response', error_description: `HTTP ${status} with a body that is not JSON` };
  }
}
