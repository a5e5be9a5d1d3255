import { MessagingModule } from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditRecorder } from './audit/audit-recorder.service';
import { CacheAdminController } from './cache/cache-admin.controller';
import { ResponseCacheModule } from './cache/response-cache.module';
import { SemanticCache } from './cache/semantic-cache.service';
import { ChatAdmission } from './accounting/chat-admission.service';
import { EdgeCatalog } from './accounting/edge-catalog.service';
import { UsageRecorder } from './accounting/usage-recorder.service';
import { AdminBudgets } from './admin/budgets';
import { KeysController } from './admin/keys.controller';
import { TeamsController } from './admin/teams.controller';
import { UsersController } from './admin/users.controller';
import { resolveAdminKey } from './auth/admin-key';
import { ADMIN_KEY } from './auth/admin-key.token';
import { AuthInterceptor } from './auth/auth.interceptor';
import { VerifiedKeyCache } from './auth/verified-key.cache';
import { ChatExchange } from './chat/chat-exchange.service';
import { ChatStreamRelay } from './chat/chat-stream.relay';
import { ChatController } from './chat/chat.controller';
import type { GatewayConfig } from './config/gateway-config.schema';
import { GATEWAY_CONFIG } from './config/gateway-config.token';
import { GuardrailsClient } from './guardrails/guardrails.client';
import { GuardrailsController } from './guardrails/guardrails.controller';
import { RequestScreen } from './guardrails/request-screen.service';
import { EmbeddingsController } from './embeddings/embeddings.controller';
import { EmbeddingsExchange } from './embeddings/embeddings-exchange.service';
import { HealthController } from './health/health.controller';
import { LedgerClient } from './ledger/ledger.client';
import { MessagesController } from './messages/messages.controller';
import { ModelsController } from './models/models.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ChatGrounding } from './retrieval/chat-grounding.service';
import { CollectionsController } from './retrieval/collections.controller';
import { DocumentsController } from './retrieval/documents.controller';
import { MeteredRetrieval } from './retrieval/metered-retrieval.service';
import { RetrievalClient } from './retrieval/retrieval.client';
import { UsageController } from './usage/usage.controller';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'gateway',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
          // Every request the gateway makes fails fast when the replica handling it dies.
          replyLivenessMs: config.GATEWAY_LIVENESS_TIMEOUT_MS,
        }),
        RateLimitModule.forRoot(config),
        ResponseCacheModule.forRoot(config),
      ],
      controllers: [
        ChatController,
        MessagesController,
        ModelsController,
        UsageController,
        TeamsController,
        UsersController,
        KeysController,
        HealthController,
        GuardrailsController,
        EmbeddingsController,
        CollectionsController,
        DocumentsController,
        CacheAdminController,
        AuditController,
        OpenApiController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: ADMIN_KEY, useFactory: () => adminKeyAtBoot(config) },
        AuthInterceptor,
        VerifiedKeyCache,
        ChatStreamRelay,
        ChatExchange,
        ChatAdmission,
        EdgeCatalog,
        UsageRecorder,
        AdminBudgets,
        LedgerClient,
        GuardrailsClient,
        RequestScreen,
        EmbeddingsExchange,
        RetrievalClient,
        MeteredRetrieval,
        ChatGrounding,
        SemanticCache,
        AuditRecorder,
        // Outside the interceptors createGatewayApp adds (Nest runs these first), so the audit
        // log also sees a virtual key refused on an admin route.
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
    };
  }
}

/** Resolves the admin key and says (without printing it) where it came from. */
function adminKeyAtBoot(config: GatewayConfig): string {
  const logger = createLogger('gateway');
  if (config.CONDUIT_AUTH === 'disabled') {
    logger.warn(
      'CONDUIT_AUTH=disabled: every /v1 endpoint, the admin API included, is open to anyone who can reach this port. Local experiments only.',
    );
  }
  if (config.GATEWAY_GUARDRAILS === 'disabled') {
    logger.warn(
      'GATEWAY_GUARDRAILS=disabled: prompts and answers are not scanned (no injection, secret or PII checks).',
    );
  }
  const admin = resolveAdminKey(config.CONDUIT_ADMIN_KEY, config.GATEWAY_DATA_DIR);
  if (admin.origin === 'generated') {
    logger.warn({ path: admin.path }, 'no CONDUIT_ADMIN_KEY: generated an admin key and stored it');
  } else if (admin.origin === 'file') {
    logger.info({ path: admin.path }, 'admin key read from file');
  }
  return admin.key;
}
