import { Subjects, type ComponentHealth } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { RateLimiter } from '../rate-limit/rate-limiter';

/**
 * A component in the readiness answer: `degraded` is a dependency the gateway serves without,
 * in a worse way (guardrails failing open), so it does not make the gateway unready.
 */
interface ReadyComponent {
  status: ComponentHealth['status'] | 'degraded';
  detail?: string;
}

/** Guardrails failing open: unreachable means chat goes unscanned, not refused. */
function failingOpen(health: ComponentHealth): ReadyComponent {
  if (health.status === 'up') return health;
  return {
    status: 'degraded',
    detail:
      `${health.detail ?? 'unreachable'}; failing open ` +
      '(GATEWAY_GUARDRAILS_FAILURE_MODE=open): chat is served without scanning',
  };
}

type HealthSubject =
  | typeof Subjects.llmHealthCheck
  | typeof Subjects.ledgerHealthCheck
  | typeof Subjects.guardrailsHealthCheck;

@Controller('health')
export class HealthController {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly rateLimiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The process is alive and serving HTTP; orchestrators restart it when this fails. */
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /**
   * Ready for traffic only when NATS is connected and the services every request needs answer:
   * llm (the models), ledger (keys and budgets) and — when they fail closed, so that chat
   * refuses without them — the guardrails. Guardrails that fail open are reported too, but an
   * unreachable guardrails service then only makes the gateway `degraded` (200: chat is served,
   * unscanned), so an operator sees it without the orchestrator taking every replica out.
   * Answers at once while NATS is down: nothing is asked over a bus that is not there.
   */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const natsUp = this.messaging.isConnected();
    const unreachable = { status: 'down', detail: 'NATS is not connected' } as const;
    const ask = (subject: HealthSubject) =>
      natsUp
        ? this.serviceHealth(subject)
        : Promise.resolve({ health: unreachable, components: {} });
    const guardrailsOn = this.config.GATEWAY_GUARDRAILS === 'enabled';
    const failOpen = this.config.GATEWAY_GUARDRAILS_FAILURE_MODE === 'open';
    const [llm, ledger, guardrails, limiter] = await Promise.all([
      ask(Subjects.llmHealthCheck),
      ask(Subjects.ledgerHealthCheck),
      guardrailsOn ? ask(Subjects.guardrailsHealthCheck) : undefined,
      this.rateLimiter.check(),
    ]);
    const components: Record<string, ReadyComponent> = {
      nats: natsUp ? { status: 'up' } : { status: 'down', detail: 'not connected' },
      llm: llm.health,
      // The llm service's own components: its catalog and each provider's circuit breaker.
      ...Object.fromEntries(
        Object.entries(llm.components).map(([name, health]) => [`llm.${name}`, health]),
      ),
      ledger: ledger.health,
      ...(guardrails
        ? { guardrails: failOpen ? failingOpen(guardrails.health) : guardrails.health }
        : {}),
    };
    components.rate_limiter = { status: limiter.ok ? 'up' : 'down', detail: limiter.detail };
    const statuses = Object.values(components).map((component) => component.status);
    const status = statuses.includes('down')
      ? 'down'
      : statuses.includes('degraded')
        ? 'degraded'
        : 'up';
    await reply.status(status === 'down' ? 503 : 200).send({ status, components });
  }

  private async serviceHealth(
    subject: HealthSubject,
  ): Promise<{ health: ComponentHealth; components: Record<string, ComponentHealth> }> {
    try {
      const report = await this.messaging.request(
        subject,
        {},
        { timeoutMs: this.config.GATEWAY_READY_TIMEOUT_MS },
      );
      return {
        health: { status: report.status, detail: `version ${report.version}` },
        components: report.components,
      };
    } catch (error) {
      return { health: { status: 'down', detail: (error as Error).message }, components: {} };
    }
  }
}
