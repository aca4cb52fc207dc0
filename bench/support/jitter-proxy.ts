import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of one upstream that holds every request for a random delay before forwarding it. */
export interface JitterProxy {
  /** `target` with its origin replaced by the proxy's: same path, same query. */
  readonly url: string;
  /** How many requests it delayed. */
  delayed(): number;
  close(): Promise<void>;
}

/**
 * A jittery network between a client and `target` (an `http://` URL): each request, on a new connection or a kept-alive
 * one alike, waits a uniform random `0..maxDelayMs` ms before it is sent on, so requests released in one order reach
 * the provider in another, late by up to `maxDelayMs`. Answers go back at once. Upstream connections are kept alive.
 */
export async function startJitterProxy(target: string, maxDelayMs: number): Promise<JitterProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let delayed = 0;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      delayed++;
      setTimeout(() => {
        const forwarded = request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: upstream.host },
            agent,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        forwarded.on('error', () => {
          if (!outgoing.headersSent) outgoing.writeHead(502);
          outgoing.end();
        });
        forwarded.end(Buffer.concat(chunks));
      }, Math.random() * maxDelayMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname === '/' ? '' : upstream.pathname}${upstream.search}`,
    delayed: () => delayed,
    close: () => {
      server.closeAllConnections();
      agent.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
