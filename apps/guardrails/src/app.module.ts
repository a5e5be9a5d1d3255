import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import type { GuardrailsConfig } from './config/guardrails-config.schema';
import { GUARDRAILS_CONFIG } from './config/guardrails-config.token';
import { HealthHandler } from './health/health.handler';
import { InputScanService } from './input/input-scan.service';
import { InjectionJudge } from './judge/injection-judge';
import { OutputScanService } from './output/output-scan.service';
import { OutputScanSessions } from './output/output-scan-sessions';
import { PolicyResolver } from './policy/policy-resolver';
import { RedactHandler } from './redact/redact.handler';
import { ScanHandler } from './scan/scan.handler';

@Module({})
export class AppModule {
  static forRoot(config: GuardrailsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'guardrails',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
        }),
      ],
      providers: [
        { provide: GUARDRAILS_CONFIG, useValue: config },
        PolicyResolver,
        InjectionJudge,
        InputScanService,
        OutputScanService,
        OutputScanSessions,
        ScanHandler,
        RedactHandler,
        HealthHandler,
      ],
    };
  }
}
