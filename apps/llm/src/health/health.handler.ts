import { Subjects, type ComponentHealth } from '@conduit/contracts';
import { Handle, healthReport } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { ModelCatalogService } from '../catalog/model-catalog.service';
import type { CircuitSnapshot } from '../resilience/circuit-breaker';
import { CircuitBreakers } from '../routing/circuit-breakers.service';

@Injectable()
export class HealthHandler {
  constructor(
    private readonly catalog: ModelCatalogService,
    private readonly breakers: CircuitBreakers,
  ) {}

  /**
   * One component per provider deployment shows its circuit breaker. An open circuit leaves the
   * service `up`: every replica shares the provider, so taking this one out of rotation would
   * not help, and fallbacks may still serve.
   */
  @Handle(Subjects.llmHealthCheck)
  check() {
    const circuits = Object.entries(this.breakers.snapshots()).map(
      ([deployment, snapshot]) => [`circuit.${deployment}`, circuitHealth(snapshot)] as const,
    );
    return healthReport('llm', {
      catalog: { status: 'up', detail: `${this.catalog.list().data.length} models` },
      ...Object.fromEntries(circuits),
    });
  }
}

function circuitHealth(snapshot: CircuitSnapshot): ComponentHealth {
  const window = `${snapshot.failures}/${snapshot.requests} failed in window`;
  if (snapshot.state === 'closed') return { status: 'up', detail: `closed; ${window}` };
  const retryIn =
    snapshot.retryAt === undefined
      ? ''
      : `; probing ${snapshot.retryAt <= Date.now() ? 'now' : `in ${Math.ceil((snapshot.retryAt - Date.now()) / 1000)} s`}`;
  return { status: 'up', detail: `${snapshot.state.replace('_', '-')}${retryIn}` };
}
