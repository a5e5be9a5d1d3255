import { createServer } from 'node:net';

/**
 * A port that was free a moment ago on 127.0.0.1. The gateway needs a port number in its
 * environment before it starts, so we cannot let it bind port 0; the tiny race between
 * closing this probe and the gateway binding is acceptable for a local bench.
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
