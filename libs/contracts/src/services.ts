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
