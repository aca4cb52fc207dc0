import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long `refuseConnections()` leaves clients in this process to notice their sockets closed. */
const clientCloseGraceMs = 20;

/** An HTTP server on 127.0.0.1 that can stop and start listening again (the simulator's refused-connection fault). */
export interface LoopbackServer {
  /** The port it listens on: the one asked for, or the one the system gave for `0`, once it listened. */
  readonly port: number;
  /** Starts listening on `port` (the same port again after `stopListening`). */
  listen(): Promise<void>;
  /**
   * Stops listening and drops every open connection. Resolves once clients have had an I/O turn to see their pooled
   * keep-alive sockets close, as they would during a real outage; otherwise the next request could be written on a
   * dying socket, which is rightly an ambiguous outcome.
   */
  stopListening(): Promise<void>;
}

/** A server on 127.0.0.1 only, answering every request with `handle`; it listens once `listen()` is called. */
export function createLoopbackServer(
  port: number,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): LoopbackServer {
  let boundPort = port;
  const sockets = new Set<Socket>();
  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(boundPort, '127.0.0.1', () => {
        server.off('error', reject);
        boundPort = (server.address() as { port: number }).port;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      // The grace, then two more turns of the event loop: the I/O phase reads the clients' end of each closed socket
      // and the close callbacks drop it from their pools. A timer alone is not enough on a busy machine: a process
      // scheduled out for longer than the grace wakes with the timer due and the FIN still unread, and its next
      // request goes out on a dying socket (an ambiguous outcome, not the outage this fault stands for).
      const settled = () => setTimeout(() => setImmediate(() => setImmediate(resolve)), clientCloseGraceMs);
      if (!server.listening) return settled();
      server.close(settled);
      for (const socket of sockets) socket.destroy();
    });

  return {
    get port() {
      return boundPort;
    },
    listen,
    stopListening,
  };
}
