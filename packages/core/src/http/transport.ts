import http from 'node:http';
import https from 'node:https';
import type { AxiosInstance, AxiosStatic } from 'axios';
import { redactText } from '../redaction/redact.js';
import type { AttemptProgress } from './classify-failure.js';
import { insecureTransportCode, mayCarryCredential, type PlainHttpPolicy } from './transport-security.js';
import type { HttpMethod } from './types.js';

/** One attempt on the wire: everything already decided (headers, body, signal). */
export interface TransportRequest {
  readonly method: HttpMethod;
  /** Path and query, relative to the base URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Already serialized JSON, or nothing. */
  readonly body: string | undefined;
  /** Ends the attempt (total deadline, the attempt's own deadline, the caller's abort). */
  readonly signal: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  /** Names in lower case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as text (never parsed here: HTML error pages and empty bodies must reach the error mapping). */
  readonly body: string;
}

/**
 * What leaves the transport when no response came: a plain error with the transport's code (`ECONNRESET`,
 * `ERR_CANCELED`, …) and a redacted message. The axios error it replaces is dropped, never chained: its
 * `config.headers` and `request._header` hold the API key.
 */
export class TransportError extends Error {
  override name = 'TransportError';
  readonly code: string | undefined;
  /** The status and headers, when the failure came after they arrived (a body over the size limit). */
  readonly response: Omit<TransportResponse, 'body'> | undefined;

  constructor(message: string, code: string | undefined, response?: Omit<TransportResponse, 'body'>) {
    super(message);
    this.code = code;
    this.response = response;
  }
}

/** The code of a response whose body passed `maxResponseBytes`: the provider answered, we cannot read it. */
export const responseTooLargeCode = 'ERR_RESPONSE_TOO_LARGE';

export interface Transport {
  /** Resolves with any status (statuses are the pipeline's business); rejects only with `TransportError`. */
  send(request: TransportRequest, progress: AttemptProgress): Promise<TransportResponse>;
  /** Destroys the keep-alive sockets. */
  close(): void;
}

export interface TransportOptions {
  readonly baseUrl: string;
  /** Sent on every request; the request's own headers win. */
  readonly headers: Readonly<Record<string, string>>;
  /** Values to mask in transport error messages. */
  readonly secrets: () => readonly string[];
  /**
   * Where the credential in the headers may go over plain HTTP, checked on every request actually made (whatever
   * URL it ended up with). @default undefined (no credential: any)
   */
  readonly plainHttp?: PlainHttpPolicy | undefined;
}

/**
 * The code of a `TransportError` when the HTTP library (axios) could not be loaded: a broken installation, nothing
 * sent. The pipeline turns it into a `ConfigError`, not retried.
 */
export const transportUnavailableCode = 'ERR_CARDGW_TRANSPORT_UNAVAILABLE';

/** Providers answer small JSON documents; anything near this is not one of theirs. */
export const maxResponseBytes = 10 * 1024 * 1024;

/**
 * The axios instance behind the pipeline: keep-alive agents, the base URL, no redirects (a redirect would carry the
 * auth header elsewhere), every status resolved, the body as text. No axios type leaves this file.
 */
export function createTransport(options: TransportOptions): Transport {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  // Created on the first request, not here: loading axios (some 90 modules) is most of an adapter's cold start, and a
  // process that constructs an issuer may never call it (P6 in bench/).
  let instance: AxiosInstance | undefined;
  let creating: Promise<AxiosInstance> | undefined;
  const createOnce = (): Promise<AxiosInstance> => {
    creating ??= createInstance().then(
      (created) => {
        instance = created;
        return created;
      },
      (error: unknown) => {
        creating = undefined;
        throw error;
      },
    );
    return creating;
  };
  const createInstance = async (): Promise<AxiosInstance> =>
    (await loadAxios()).create({
      baseURL: options.baseUrl,
      // A path must never replace the provider's host: the auth header would go with it.
      allowAbsoluteUrls: false,
      headers: { ...options.headers },
      httpAgent,
      httpsAgent,
      // Our tracking transport is plain node:http, which follows nothing; this says so to axios as well.
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'text',
      responseEncoding: 'utf8',
      // We serialize and parse ourselves, so a non-JSON body reaches our error mapping intact.
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      maxContentLength: maxResponseBytes,
    });

  return {
    async send(request, progress) {
      const head: ResponseHead = { status: undefined, headers: undefined };
      try {
        // Once created, no extra await: a warm request starts exactly as it did before the lazy load (P1).
        const response = await (instance ?? (await createOnce())).request<string>({
          method: request.method,
          url: request.url,
          headers: request.headers,
          data: request.body,
          signal: request.signal,
          transport: trackingTransport(progress, head, options.plainHttp),
        });
        return {
          status: response.status,
          headers: plainHeaders(response.headers),
          body: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
        };
      } catch (error) {
        throw toTransportError(error, options.secrets(), head);
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** The one load of axios in this process, shared by every transport; retried after a failure. */
let axiosLoading: Promise<AxiosStatic> | undefined;

/**
 * axios, imported on first use. A failure to load it (a broken installation) rejects with a `TransportError` coded
 * `transportUnavailableCode`, its message redacted like any other transport error's.
 */
function loadAxios(): Promise<AxiosStatic> {
  axiosLoading ??= import('axios').then(
    (module) => module.default,
    (error: unknown) => {
      axiosLoading = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new TransportError(
        `the HTTP library (axios) could not be loaded: ${redactText(reason)}`,
        transportUnavailableCode,
      );
    },
  );
  return axiosLoading;
}

/** The status line and headers of the response under way, kept for an error that comes after them. */
interface ResponseHead {
  status: number | undefined;
  headers: Record<string, string | undefined> | undefined;
}

/**
 * Node's `http`/`https` behind axios, watching the attempt's progress: whether a socket connected and whether the
 * whole request was written. That is what tells "the provider cannot have acted" from "it may have".
 */
function trackingTransport(progress: AttemptProgress, head: ResponseHead, plainHttp: PlainHttpPolicy | undefined) {
  return {
    request(requestOptions: http.RequestOptions, callback: (response: http.IncomingMessage) => void) {
      const secure = requestOptions.protocol === 'https:';
      const hostname = requestOptions.hostname ?? requestOptions.host ?? '';
      // The last check before a socket: whatever built this URL, the credential does not leave in clear.
      if (plainHttp !== undefined && !mayCarryCredential(requestOptions.protocol ?? 'http:', hostname, plainHttp)) {
        throw new TransportError(
          `refusing to send the credential over ${requestOptions.protocol ?? 'http:'} to ${hostname}`,
          insecureTransportCode,
        );
      }
      const request = (secure ? https : http).request(requestOptions, (response) => {
        head.status = response.statusCode;
        head.headers = plainHeaders(response.headers);
        callback(response);
      });
      request.once('socket', (socket) => {
        // A pooled keep-alive socket is connected (and past its handshake). A new TLS socket counts as connected only
        // after the handshake: a certificate refused or a handshake cut short sent nothing to the provider.
        if (request.reusedSocket || (!secure && !socket.connecting)) progress.connected = true;
        else socket.once(secure ? 'secureConnect' : 'connect', () => (progress.connected = true));
      });
      request.once('finish', () => (progress.requestSent = true));
      return request;
    },
  };
}

function plainHeaders(headers: unknown): Record<string, string | undefined> {
  const plain: Record<string, string | undefined> = {};
  if (typeof headers !== 'object' || headers === null) return plain;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return plain;
}

function toTransportError(error: unknown, secrets: readonly string[], head: ResponseHead): TransportError {
  if (error instanceof TransportError) return error;
  const code = errorCode(error);
  if (head.status !== undefined && isSizeLimitError(error, code)) {
    return new TransportError(`the response body is larger than ${maxResponseBytes} bytes`, responseTooLargeCode, {
      status: head.status,
      headers: head.headers ?? {},
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError(redactText(message, secrets), code);
}

/** axios' `maxContentLength` error: it has no code of its own, only `ERR_BAD_RESPONSE` and this message. */
function isSizeLimitError(error: unknown, code: string | undefined): boolean {
  return code === 'ERR_BAD_RESPONSE' && error instanceof Error && error.message.startsWith('maxContentLength');
}

/** The system code, from the error or (an AggregateError of several addresses, a wrapped error) its cause. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      current = errors[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
