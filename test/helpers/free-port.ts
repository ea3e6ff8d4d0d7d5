/** A TCP port on loopback that nothing listens on right now (the OS picks it), for a child server. */
import { createServer } from 'node:net';

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
