import { createLogger, metricsRegistry } from '@conduit/telemetry';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { CatalogDefinition } from '../catalog/catalog-definition';
import { CATALOG_DEFINITION } from '../catalog/catalog-definition.token';
import {
  CircuitBreaker,
  type CircuitSnapshot,
  type CircuitState,
} from '../resilience/circuit-breaker';

const STATE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

// Every live registry in this process; metrics are process-wide, services may be several in tests.
const live = new Set<CircuitBreakers>();

new Gauge({
  name: 'conduit_llm_circuit_state',
  help: 'Circuit breaker state per provider deployment: 0 closed, 1 half-open, 2 open',
  labelNames: ['deployment'],
  registers: [metricsRegistry],
  collect() {
    for (const registry of live) {
      for (const [deployment, snapshot] of Object.entries(registry.snapshots())) {
        this.set({ deployment }, STATE_VALUE[snapshot.state]);
      }
    }
  },
});

const transitions = new Counter({
  name: 'conduit_llm_circuit_transitions_total',
  help: 'Circuit breaker state changes per provider deployment',
  labelNames: ['deployment', 'to'],
  registers: [metricsRegistry],
});

/** One circuit breaker per provider deployment, shared by every model it serves. */
@Injectable()
export class CircuitBreakers implements OnModuleDestroy {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly logger = createLogger('llm');

  constructor(@Inject(CATALOG_DEFINITION) definition: CatalogDefinition) {
    for (const provider of definition.providers) {
      const breaker = new CircuitBreaker(provider.name, provider.circuitBreaker, (to, from) => {
        transitions.inc({ deployment: provider.name, to });
        this.logger.warn({ deployment: provider.name, from, to }, 'circuit breaker changed state');
      });
      this.breakers.set(provider.name, breaker);
      // Exported at 0 from boot, so the first transition shows in rate() and increase().
      for (const to of Object.keys(STATE_VALUE))
        transitions.inc({ deployment: provider.name, to }, 0);
    }
    live.add(this);
  }

  of(deployment: string): CircuitBreaker {
    const breaker = this.breakers.get(deployment);
    // Breakers are built from the same definition as the catalog: a miss is a bug.
    if (!breaker) throw new Error(`No circuit breaker for the deployment '${deployment}'.`);
    return breaker;
  }

  snapshots(): Record<string, CircuitSnapshot> {
    return Object.fromEntries(
      [...this.breakers].map(([name, breaker]) => [name, breaker.snapshot()]),
    );
  }

  onModuleDestroy(): void {
    live.delete(this);
  }
}
