// `npm start`: every Conduit service as its own process on this machine's NATS, keyless
// (`local/*` models), with prefixed logs. Ctrl-C stops them all; if one dies, all stop.
// On first boot it also creates a ready-to-use virtual key (see scripts/first-boot-keys.mjs).
import concurrently from 'concurrently';
import { ensureFirstBootKeys } from './first-boot-keys.mjs';

const services = ['llm', 'embedding', 'retrieval', 'guardrails', 'ledger', 'gateway'];
const port = process.env.GATEWAY_PORT ?? process.env.PORT ?? '8080';
const baseUrl = `http://127.0.0.1:${port}`;

const { result } = concurrently(
  services.map((name) => ({
    name,
    command: `node -r ./scripts/register-paths.cjs dist/apps/${name}/src/main.js`,
  })),
  { prefix: '{name}', killOthersOn: ['failure', 'success'], restartTries: 0 },
);

console.log(
  `Conduit is starting: the gateway will listen on http://localhost:${port} (try GET /health/ready).`,
);

ensureFirstBootKeys(baseUrl, process.env).catch((error) => {
  console.error(`[start] could not prepare the first-boot keys: ${error.message}`);
});

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
