/**
 * A TCP proxy on loopback between a bot and its platform (Synapse, a stand-in), to cut the network
 * path the way an outage does, with the real SDK none the wiser: `cut()` stops listening and
 * drops every open connection (new ones are refused: ECONNREFUSED), `restore()` listens again on
 * the same port. `loseResponsesTo(pattern)` lets requests whose first bytes match (an HTTP request
 * line) reach the platform but drops the connection before its answer comes back: the platform
 * acted, the client saw a failure, the case that makes a retry a duplicate.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: give it to the SDK instead of the platform's URL. */
  readonly url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** The next `times` requests matching `pattern` reach the platform but their answers are lost. */
  loseResponsesTo(pattern: RegExp, times: number): void;
  /** Requests whose answer was dropped so far. */
  readonly lost: string[];
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const losing: { pattern: RegExp; times: number }[] = [];
  const lost: string[] = [];

  const onConnection = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    // Set when a request whose answer must be lost went up on this connection.
    let doomed = false;
    client.on('data', (chunk: Buffer) => {
      const head = chunk.subarray(0, 300).toString('latin1');
      const rule = losing.find((l) => l.times > 0 && l.pattern.test(head));
      if (rule !== undefined) {
        rule.times -= 1;
        lost.push(head.split('\r\n')[0] ?? head);
        doomed = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (doomed) {
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  };

  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const unlisten = async () => {
    const s = server;
    server = undefined;
    for (const socket of open) socket.destroy();
    open.clear();
    if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();

  return {
    url: `http://127.0.0.1:${port}`,
    cut: unlisten,
    restore: listen,
    loseResponsesTo(pattern, times) {
      losing.push({ pattern, times });
    },
    lost,
    close: unlisten,
  };
}
