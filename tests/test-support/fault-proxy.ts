import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
  request as sendUpstream,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does to a matching request AFTER forwarding it to the provider and reading the provider's whole
 * answer (so the provider has committed whatever the request asked):
 * - `status`: answers its own `status` with `body` and `headers` instead (a load balancer's 503, an nginx HTML page);
 * - `reset`: destroys the client's connection without answering;
 * - `hang`: never answers (the connection stays open until the client gives up or the proxy closes);
 * - `truncate`: sends the provider's status and headers and half its body, then destroys the connection;
 * - `delay`: passes the provider's answer on as it is, `ms` milliseconds late (a slow network on the way back).
 */
export type ProxyFault =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body: string;
      readonly headers?: Readonly<Record<string, string>> | undefined;
    }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'truncate' }
  | { readonly kind: 'delay'; readonly ms: number };

export interface FaultProxy {
  /** The proxy's origin, `http://127.0.0.1:<port>`: give it the provider's base path (`${origin}/v1`). */
  readonly origin: string;
  /** The requests the proxy forwarded to the provider, as `METHOD /path`. */
  readonly forwarded: string[];
  /** Applies `fault` to every matching request from now on; `undefined` forwards answers as they are. */
  setFault(fault: ProxyFault | undefined): void;
  /** Applies `fault` to the next `count` matching requests (before the `setFault` one), in the order queued. */
  enqueue(fault: ProxyFault, count: number): void;
  /** Forgets every queued fault and the `setFault` one. */
  clear(): void;
  /** Stops listening and drops every open connection: new connections are refused, as the provider's would be. */
  refuseConnections(): Promise<void>;
  /** Listens again, on the same port. */
  acceptConnections(): Promise<void>;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** The provider's origin, `http://127.0.0.1:<port>` (a simulator's). */
  readonly target: string;
  /** Which requests get the fault. @default POST requests whose path ends in `/cards` (a card creation) */
  readonly matches?: ((method: string, path: string) => boolean) | undefined;
}

const createsCard = (method: string, path: string) => method === 'POST' && /\/cards$/.test(path.split('?')[0] ?? '');

/** An nginx-style error page, as an intermediary answers it: HTML, no provider error body. */
export function intermediaryPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * A small real HTTP proxy on 127.0.0.1 in front of a provider (a simulator): it forwards every request as it is and,
 * for the requests `matches` selects, replaces or breaks the provider's answer once the provider has given it. What a
 * load balancer, an API gateway or a flaky network does to a call the provider has already carried out.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const matches = options.matches ?? createsCard;
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  let fault: ProxyFault | undefined;
  const queued: { fault: ProxyFault; remaining: number }[] = [];
  const draw = (): ProxyFault | undefined => {
    const head = queued[0];
    if (!head) return fault;
    head.remaining -= 1;
    if (head.remaining === 0) queued.shift();
    return head.fault;
  };

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const method = incoming.method ?? 'GET';
      const path = incoming.url ?? '/';
      forwarded.push(`${method} ${path}`);
      const applied = matches(method, path) ? draw() : undefined;
      forward(incoming, Buffer.concat(chunks), (status, headers, body) => {
        answer(outgoing, applied, status, headers, body);
      }).catch(() => outgoing.socket?.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  function forward(
    incoming: IncomingMessage,
    body: Buffer,
    onAnswer: (status: number, headers: OutgoingHttpHeaders, body: Buffer) => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const headers = { ...incoming.headers, host: target.host, connection: 'close' };
      const upstream = sendUpstream(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (chunk: Buffer) => parts.push(chunk));
          response.on('end', () => {
            onAnswer(response.statusCode ?? 502, response.headers, Buffer.concat(parts));
            resolve();
          });
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  function answer(
    outgoing: ServerResponse,
    applied: ProxyFault | undefined,
    status: number,
    headers: OutgoingHttpHeaders,
    body: Buffer,
  ): void {
    const passed = { ...headers, connection: 'close' };
    delete passed['transfer-encoding'];
    switch (applied?.kind) {
      case undefined:
        outgoing.writeHead(status, { ...passed, 'content-length': body.length }).end(body);
        return;
      case 'status':
        outgoing
          .writeHead(applied.status, {
            'content-type': applied.body.trimStart().startsWith('<') ? 'text/html' : 'application/json',
            'content-length': Buffer.byteLength(applied.body),
            connection: 'close',
            ...applied.headers,
          })
          .end(applied.body);
        return;
      case 'reset':
        outgoing.socket?.destroy();
        return;
      case 'hang':
        return;
      case 'delay':
        setTimeout(() => answer(outgoing, undefined, status, headers, body), applied.ms);
        return;
      case 'truncate':
        outgoing.writeHead(status, { ...passed, 'content-length': body.length });
        outgoing.write(body.subarray(0, Math.floor(body.length / 2)), () => outgoing.socket?.destroy());
        return;
    }
  }

  return {
    origin: `http://127.0.0.1:${port}`,
    forwarded,
    setFault(next) {
      fault = next;
    },
    enqueue(next, count) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError('enqueue: count must be an integer ≥ 1');
      queued.push({ fault: next, remaining: count });
    },
    clear() {
      fault = undefined;
      queued.length = 0;
    },
    refuseConnections: stopListening,
    acceptConnections: () =>
      new Promise<void>((resolve, reject) => {
        if (server.listening) return resolve();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
    close: stopListening,
  };
}
