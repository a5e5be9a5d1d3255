import type { z } from 'zod';
import {
  LlmChatCompleteRequestSchema,
  LlmChatResultSchema,
  LlmChatStreamAcceptedSchema,
  LlmChatStreamRequestSchema,
} from './chat/llm-chat.schemas';
import {
  InputScanRequestSchema,
  InputScanResultSchema,
  OutputScanRequestSchema,
  OutputSessionScanRequestSchema,
  OutputScanResultSchema,
} from './guardrails/guardrail-scan.schemas';
import { RedactRequestSchema, RedactResultSchema } from './guardrails/guardrails-redact.schemas';
import {
  EmbedQuoteRequestSchema,
  EmbedQuoteSchema,
  EmbedRequestSchema,
  EmbedResultSchema,
} from './embeddings/embedding.schemas';
import {
  CollectionCreateRequestSchema,
  CollectionDeletedSchema,
  CollectionListRequestSchema,
  CollectionListSchema,
  CollectionRefSchema,
  CollectionSchema,
} from './retrieval/collection.schemas';
import {
  DocumentDeletedSchema,
  DocumentDeleteRequestSchema,
  DocumentUpsertRequestSchema,
  DocumentUpsertResultSchema,
} from './retrieval/document.schemas';
import {
  ContextBuildRequestSchema,
  GroundingContextSchema,
  SearchRequestSchema,
  SearchResultSchema,
} from './retrieval/search.schemas';
import {
  SemanticCacheAckSchema,
  SemanticCacheForgetRequestSchema,
  SemanticCacheIndexRequestSchema,
  SemanticCacheSearchRequestSchema,
  SemanticCacheSearchResultSchema,
} from './cache/semantic-cache.schemas';
import { LlmTokenCountRequestSchema, LlmTokenCountSchema } from './chat/token-count.schemas';
import { HealthCheckRequestSchema, HealthReportSchema } from './health/health.schema';
import { ModelListRequestSchema, ModelListSchema } from './models/model.schema';
import {
  CatalogSnapshotRequestSchema,
  CatalogSnapshotSchema,
} from './models/catalog-snapshot.schema';
import { ChatQuoteSchema, LlmChatQuoteRequestSchema } from './billing/quote.schemas';
import {
  ApiKeyListSchema,
  ApiKeySchema,
  KeyListRequestSchema,
  KeyRevokeRequestSchema,
  LedgerKeyCreateRequestSchema,
  TeamCreateRequestSchema,
  TeamListRequestSchema,
  TeamListSchema,
  TeamSchema,
  UserCreateRequestSchema,
  UserListRequestSchema,
  UserListSchema,
  UserSchema,
} from './ledger/admin.schemas';
import {
  BudgetReservationSchema,
  BudgetReserveRequestSchema,
  BudgetSetRequestSchema,
  BudgetSetResponseSchema,
} from './ledger/budget.schemas';
import {
  KeyInvalidatedEventSchema,
  KeyVerifyRequestSchema,
  VerifiedKeySchema,
} from './ledger/key-auth.schemas';
import { RequestLogEventSchema, UsageEventSchema } from './ledger/usage-event.schema';
import {
  UsageExportPageSchema,
  UsageExportRequestSchema,
  UsageQueryRequestSchema,
  UsageReportSchema,
} from './ledger/usage-query.schemas';
import {
  AuditListRequestSchema,
  AuditListSchema,
  AuditRecordRequestSchema,
  AuditRecordResultSchema,
} from './ledger/audit.schemas';

/**
 * Every NATS subject, `<service>.v<N>.<entity>.<verb>`. Always referenced through these
 * constants; a breaking change to a payload gets a new version.
 */
export const Subjects = {
  llmChatComplete: 'llm.v1.chat.complete',
  llmChatStream: 'llm.v1.chat.stream',
  /** Prefix of the per-replica cancel subject (`llm.v1.chat.cancel.<replica>`); a publish, not a request. */
  llmChatCancel: 'llm.v1.chat.cancel',
  llmChatQuote: 'llm.v1.chat.quote',
  llmModelsList: 'llm.v1.models.list',
  llmCatalogSnapshot: 'llm.v1.catalog.snapshot',
  llmTokensCount: 'llm.v1.tokens.count',
  embeddingEmbed: 'embedding.v1.embed',
  embeddingQuote: 'embedding.v1.quote',
  /** The embedding models served, in OpenAI's list shape (as `llm.v1.models.list` for chat). */
  embeddingModelsList: 'embedding.v1.models.list',
  retrievalCollectionCreate: 'retrieval.v1.collection.create',
  retrievalCollectionList: 'retrieval.v1.collection.list',
  retrievalCollectionGet: 'retrieval.v1.collection.get',
  retrievalCollectionDelete: 'retrieval.v1.collection.delete',
  retrievalDocumentUpsert: 'retrieval.v1.document.upsert',
  retrievalDocumentDelete: 'retrieval.v1.document.delete',
  retrievalSearch: 'retrieval.v1.search',
  retrievalContextBuild: 'retrieval.v1.context.build',
  retrievalCacheSearch: 'retrieval.v1.cache.search',
  retrievalCacheIndex: 'retrieval.v1.cache.index',
  retrievalCacheForget: 'retrieval.v1.cache.forget',
  guardrailsInputScan: 'guardrails.v1.input.scan',
  guardrailsOutputScan: 'guardrails.v1.output.scan',
  /** Per replica: `guardrails.v1.output.session.scan.<replica>` (see `@HandlePerReplica`). */
  guardrailsOutputSessionScan: 'guardrails.v1.output.session.scan',
  /** Redacts texts that will be stored (request logs) with the guardrails' detectors. */
  guardrailsRedact: 'guardrails.v1.redact',
  ledgerKeyVerify: 'ledger.v1.key.verify',
  ledgerKeyCreate: 'ledger.v1.key.create',
  ledgerKeyList: 'ledger.v1.key.list',
  ledgerKeyRevoke: 'ledger.v1.key.revoke',
  ledgerTeamCreate: 'ledger.v1.team.create',
  ledgerTeamList: 'ledger.v1.team.list',
  ledgerUserCreate: 'ledger.v1.user.create',
  ledgerUserList: 'ledger.v1.user.list',
  ledgerBudgetSet: 'ledger.v1.budget.set',
  ledgerBudgetReserve: 'ledger.v1.budget.reserve',
  ledgerUsageQuery: 'ledger.v1.usage.query',
  ledgerUsageExport: 'ledger.v1.usage.export',
  /** The admin audit log: one entry per admin action, and its pages (see audit.schemas.ts). */
  ledgerAuditRecord: 'ledger.v1.audit.record',
  ledgerAuditList: 'ledger.v1.audit.list',
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
    response: LlmChatResultSchema,
  },
  [Subjects.llmChatStream]: {
    request: LlmChatStreamRequestSchema,
    response: LlmChatStreamAcceptedSchema,
  },
  [Subjects.llmChatQuote]: { request: LlmChatQuoteRequestSchema, response: ChatQuoteSchema },
  [Subjects.llmModelsList]: { request: ModelListRequestSchema, response: ModelListSchema },
  [Subjects.llmTokensCount]: { request: LlmTokenCountRequestSchema, response: LlmTokenCountSchema },
  [Subjects.llmCatalogSnapshot]: {
    request: CatalogSnapshotRequestSchema,
    response: CatalogSnapshotSchema,
  },
  [Subjects.embeddingEmbed]: { request: EmbedRequestSchema, response: EmbedResultSchema },
  [Subjects.embeddingQuote]: { request: EmbedQuoteRequestSchema, response: EmbedQuoteSchema },
  [Subjects.embeddingModelsList]: { request: ModelListRequestSchema, response: ModelListSchema },
  [Subjects.retrievalCollectionCreate]: {
    request: CollectionCreateRequestSchema,
    response: CollectionSchema,
  },
  [Subjects.retrievalCollectionList]: {
    request: CollectionListRequestSchema,
    response: CollectionListSchema,
  },
  [Subjects.retrievalCollectionGet]: { request: CollectionRefSchema, response: CollectionSchema },
  [Subjects.retrievalCollectionDelete]: {
    request: CollectionRefSchema,
    response: CollectionDeletedSchema,
  },
  [Subjects.retrievalDocumentUpsert]: {
    request: DocumentUpsertRequestSchema,
    response: DocumentUpsertResultSchema,
  },
  [Subjects.retrievalDocumentDelete]: {
    request: DocumentDeleteRequestSchema,
    response: DocumentDeletedSchema,
  },
  [Subjects.retrievalSearch]: { request: SearchRequestSchema, response: SearchResultSchema },
  [Subjects.retrievalContextBuild]: {
    request: ContextBuildRequestSchema,
    response: GroundingContextSchema,
  },
  [Subjects.retrievalCacheSearch]: {
    request: SemanticCacheSearchRequestSchema,
    response: SemanticCacheSearchResultSchema,
  },
  [Subjects.retrievalCacheIndex]: {
    request: SemanticCacheIndexRequestSchema,
    response: SemanticCacheAckSchema,
  },
  [Subjects.retrievalCacheForget]: {
    request: SemanticCacheForgetRequestSchema,
    response: SemanticCacheAckSchema,
  },
  [Subjects.guardrailsInputScan]: {
    request: InputScanRequestSchema,
    response: InputScanResultSchema,
  },
  [Subjects.guardrailsOutputScan]: {
    request: OutputScanRequestSchema,
    response: OutputScanResultSchema,
  },
  [Subjects.guardrailsOutputSessionScan]: {
    request: OutputSessionScanRequestSchema,
    response: OutputScanResultSchema,
  },
  [Subjects.guardrailsRedact]: { request: RedactRequestSchema, response: RedactResultSchema },
  [Subjects.ledgerKeyVerify]: { request: KeyVerifyRequestSchema, response: VerifiedKeySchema },
  [Subjects.ledgerKeyCreate]: { request: LedgerKeyCreateRequestSchema, response: ApiKeySchema },
  [Subjects.ledgerKeyList]: { request: KeyListRequestSchema, response: ApiKeyListSchema },
  [Subjects.ledgerKeyRevoke]: { request: KeyRevokeRequestSchema, response: ApiKeySchema },
  [Subjects.ledgerTeamCreate]: { request: TeamCreateRequestSchema, response: TeamSchema },
  [Subjects.ledgerTeamList]: { request: TeamListRequestSchema, response: TeamListSchema },
  [Subjects.ledgerUserCreate]: { request: UserCreateRequestSchema, response: UserSchema },
  [Subjects.ledgerUserList]: { request: UserListRequestSchema, response: UserListSchema },
  [Subjects.ledgerBudgetSet]: {
    request: BudgetSetRequestSchema,
    response: BudgetSetResponseSchema,
  },
  [Subjects.ledgerBudgetReserve]: {
    request: BudgetReserveRequestSchema,
    response: BudgetReservationSchema,
  },
  [Subjects.ledgerUsageQuery]: { request: UsageQueryRequestSchema, response: UsageReportSchema },
  [Subjects.ledgerUsageExport]: {
    request: UsageExportRequestSchema,
    response: UsageExportPageSchema,
  },
  [Subjects.ledgerAuditRecord]: {
    request: AuditRecordRequestSchema,
    response: AuditRecordResultSchema,
  },
  [Subjects.ledgerAuditList]: { request: AuditListRequestSchema, response: AuditListSchema },
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

/**
 * Events: published, not requested. `ledger.v1.key.invalidated` goes to every gateway replica
 * over core NATS; the usage and request-log events go through the JetStream ledger stream
 * (see `LedgerStream`) with the request id as message id.
 */
export const Events = {
  ledgerKeyInvalidated: 'ledger.v1.key.invalidated',
  ledgerUsageRecorded: 'ledger.v1.usage.recorded',
  ledgerRequestLogged: 'ledger.v1.request.logged',
} as const;

export const EventContracts = {
  [Events.ledgerKeyInvalidated]: KeyInvalidatedEventSchema,
  [Events.ledgerUsageRecorded]: UsageEventSchema,
  [Events.ledgerRequestLogged]: RequestLogEventSchema,
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof EventContracts;
export type EventOf<E extends EventName> = z.output<(typeof EventContracts)[E]>;
