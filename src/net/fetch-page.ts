// Fetching one web page for `byline add`: undici (the fetch built into Node) with a connect
// timeout, a total timeout, at most 10 redirects, a 10 MB body cap, http(s) only, and an
// honest User-Agent. Every failure is an Error whose message is one line for the user.
import { Agent, fetch } from 'undici';
import pkg from '../../package.json' with { type: 'json' };

export const USER_AGENT = `byline/${pkg.version} (terminal news reader; +https://www.npmjs.com/package/byline)`;

export interface FetchLimits {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 10,
};

export interface FetchedPage {
  /** The address after redirects. */
  url: string;
  status: number;
  contentType?: string;
  bytes: Uint8Array;
}

/** An HTTP error status: the Wayback fallback needs to know which. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    statusText: string,
  ) {
    super(`HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
  }
}

/** The host did not resolve (or is unreachable by name): a dead site, for the fallback. */
export class UnresolvedHostError extends Error {}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function httpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`only http: and https: URLs can be added, not ${url.protocol}`);
  return url;
}

/** undici's "fetch failed" says little; its cause says what happened. */
function networkReason(error: unknown, url: URL, limits: FetchLimits, timedOut: boolean): Error {
  if (timedOut) return new Error(`timed out after ${seconds(limits.totalTimeoutMs)}`);
  const cause = ((error as { cause?: unknown }).cause ?? error) as NodeJS.ErrnoException & { code?: string };
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new UnresolvedHostError(`cannot resolve ${url.hostname} (DNS)`);
    case 'ECONNREFUSED':
      return new Error(`connection refused by ${url.host}`);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new Error(`could not connect to ${url.host} within ${seconds(limits.connectTimeoutMs)}`);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new Error(`the connection to ${url.host} was closed`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new Error(`${url.host} is unreachable`);
    default:
      return new Error(cause?.message || (error as Error).message || 'the request failed');
  }
}

/** Reads the body up to the cap; past it, the request is aborted. */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, abort: () => void): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      abort();
      await reader.cancel().catch(() => {});
      throw new Error(`too large (over ${Math.round(maxBytes / 1024 / 1024)} MB)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function fetchPage(address: string, limits: FetchLimits = DEFAULT_LIMITS): Promise<FetchedPage> {
  let url = httpUrl(address);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.totalTimeoutMs);
  const dispatcher = new Agent({ connect: { timeout: limits.connectTimeoutMs } });
  try {
    for (let redirects = 0; ; redirects++) {
      let response;
      try {
        response = await fetch(url, {
          dispatcher,
          redirect: 'manual',
          signal: controller.signal,
          headers: {
            'user-agent': USER_AGENT,
            accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
            'accept-encoding': 'gzip, deflate, br',
          },
        });
      } catch (error) {
        throw networkReason(error, url, limits, timedOut);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel().catch(() => {});
        if (redirects >= limits.maxRedirects) throw new Error(`too many redirects (more than ${limits.maxRedirects})`);
        url = httpUrl(new URL(response.headers.get('location')!, url).href);
        continue;
      }
      if (response.status >= 400) {
        await response.body?.cancel().catch(() => {});
        throw new HttpStatusError(response.status, response.statusText);
      }
      const length = Number(response.headers.get('content-length'));
      if (Number.isFinite(length) && length > limits.maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw new Error(`too large (${Math.round(length / 1024 / 1024)} MB; the limit is ${Math.round(limits.maxBytes / 1024 / 1024)} MB)`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(response.body as ReadableStream<Uint8Array> | null, limits.maxBytes, () => controller.abort());
      } catch (error) {
        if ((error as Error).message.startsWith('too large')) throw error;
        throw networkReason(error, url, limits, timedOut);
      }
      return { url: url.href, status: response.status, contentType: response.headers.get('content-type') ?? undefined, bytes };
    }
  } finally {
    clearTimeout(timer);
    void dispatcher.close().catch(() => {});
  }
}
