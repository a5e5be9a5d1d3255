// `npm start`: every Conduit service as its own process on this machine's NATS, keyless
// (`local/*` models), with prefixed logs. Ctrl-C stops them all; if one dies, all stop.
import concurrently from 'concurrently';

const services = ['llm', 'embedding', 'retrieval', 'guardrails', 'ledger', 'gateway'];
const port = process.env.GATEWAY_PORT ?? process.env.PORT ?? '8080';

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

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
