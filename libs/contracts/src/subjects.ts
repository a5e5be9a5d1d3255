import type { z } from 'zod';
import {
  LlmChatCompleteRequestSchema,
  LlmChatStreamAcceptedSchema,
  LlmChatStreamRequestSchema,
} from './chat/llm-chat.schemas';
import { ChatCompletionSchema } from './chat/chat-completion.schema';
import { HealthCheckRequestSchema, HealthReportSchema } from './health/health.schema';
import { ModelListRequestSchema, ModelListSchema } from './models/model.schema';

/**
 * Every NATS subject, `<service>.v<N>.<entity>.<verb>`. Always referenced through these
 * constants; a breaking change to a payload gets a new version.
 */
export const Subjects = {
  llmChatComplete: 'llm.v1.chat.complete',
  llmChatStream: 'llm.v1.chat.stream',
  /** Prefix of the per-replica cancel subject (`llm.v1.chat.cancel.<replica>`); a publish, not a request. */
  llmChatCancel: 'llm.v1.chat.cancel',
  llmModelsList: 'llm.v1.models.list',
  llmHealthCheck: 'llm.v1.health.check',
  embeddingHealthCheck: 'embedding.v1.health.check',
  retrievalHealthCheck: 'retrieval.v1.health.check',
  guardrailsHealthCheck: 'guardrails.v1.health.check',
  ledgerHealthCheck: 'ledger.v1.health.check',
} as const;

const health = { request: HealthCheckRequestSchema, response: HealthReportSchema };

/** Request and response schemas of each request/reply subject; both ends validate against them. */
export const SubjectContracts = {
  [Subjects.llmChatComplete]: {
    request: LlmChatCompleteRequestSchema,
    response: ChatCompletionSchema,
  },
  [Subjects.llmChatStream]: {
    request: LlmChatStreamRequestSchema,
    response: LlmChatStreamAcceptedSchema,
  },
  [Subjects.llmModelsList]: { request: ModelListRequestSchema, response: ModelListSchema },
  [Subjects.llmHealthCheck]: health,
  [Subjects.embeddingHealthCheck]: health,
  [Subjects.retrievalHealthCheck]: health,
  [Subjects.guardrailsHealthCheck]: health,
  [Subjects.ledgerHealthCheck]: health,
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type SubjectName = keyof typeof SubjectContracts;
export type RequestOf<S extends SubjectName> = z.input<(typeof SubjectContracts)[S]['request']>;
export type ParsedRequestOf<S extends SubjectName> = z.output<
  (typeof SubjectContracts)[S]['request']
>;
export type ResponseOf<S extends SubjectName> = z.output<(typeof SubjectContracts)[S]['response']>;
export type ResponseInputOf<S extends SubjectName> = z.input<
  (typeof SubjectContracts)[S]['response']
>;
