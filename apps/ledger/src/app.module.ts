import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditRetention } from './audit/audit-retention.service';
import { AuditHandler } from './audit/audit.handler';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { BudgetReservationRepository } from './budgets/budget-reservation.repository';
import { BudgetReservationService } from './budgets/budget-reservation.service';
import { BudgetHandler } from './budgets/budget.handler';
import { BudgetRepository } from './budgets/budget.repository';
import { BudgetService } from './budgets/budget.service';
import { ReservationSweeper } from './budgets/reservation-sweeper.service';
import type { LedgerConfig } from './config/ledger-config.schema';
import { LEDGER_CONFIG } from './config/ledger-config.token';
import { classifyLedgerHandlerError } from './database/database-unavailable';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthRepository } from './health/database-health.repository';
import { HealthHandler } from './health/health.handler';
import { KeyInvalidationPublisher } from './keys/key-invalidation.publisher';
import { KeyHandler } from './keys/key.handler';
import { KeyRepository } from './keys/key.repository';
import { KeyService } from './keys/key.service';
import { RequestLogRetention } from './request-logs/request-log-retention.service';
import { RequestLogRepository } from './request-logs/request-log.repository';
import { TeamHandler } from './teams/team.handler';
import { TeamRepository } from './teams/team.repository';
import { TeamService } from './teams/team.service';
import { UsageHandler } from './usage/usage.handler';
import { LedgerEventsConsumer } from './usage/ledger-events.consumer';
import { UsageQueryRepository } from './usage/usage-query.repository';
import { UsageQueryService } from './usage/usage-query.service';
import { UsageRecorder } from './usage/usage-recorder.service';
import { RequestLogWriter } from './request-logs/request-log.writer';
import { UsageRecordingRepository } from './usage/usage-recording.repository';
import { UserHandler } from './users/user.handler';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'ledger',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
          classifyHandlerError: classifyLedgerHandlerError,
        }),
        DatabaseModule.forRoot(config),
      ],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        DatabaseHealthRepository,
        HealthHandler,
        TeamRepository,
        TeamService,
        TeamHandler,
        UserRepository,
        UserService,
        UserHandler,
        KeyRepository,
        KeyService,
        KeyHandler,
        KeyInvalidationPublisher,
        BudgetRepository,
        BudgetService,
        BudgetReservationRepository,
        BudgetReservationService,
        BudgetHandler,
        ReservationSweeper,
        UsageRecordingRepository,
        UsageRecorder,
        RequestLogWriter,
        UsageQueryRepository,
        UsageQueryService,
        UsageHandler,
        RequestLogRepository,
        RequestLogRetention,
        LedgerEventsConsumer,
        AuditRepository,
        AuditService,
        AuditHandler,
        AuditRetention,
      ],
    };
  }
}
