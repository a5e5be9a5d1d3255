/** Conduit's services; each subscribes in a NATS queue group of the same name. */
export const SERVICE_NAMES = [
  'gateway',
  'llm',
  'embedding',
  'retrieval',
  'guardrails',
  'ledger',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Services that answer on NATS (the gateway is the HTTP edge). */
export type NatsServiceName = Exclude<ServiceName, 'gateway'>;
