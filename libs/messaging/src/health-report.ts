import type { ComponentHealth, HealthReport } from '@conduit/contracts';

const VERSION = process.env.npm_package_version ?? '0.1.0';

/** A service's health: up only when every component it depends on is up. */
export function healthReport(
  service: string,
  components: Record<string, ComponentHealth> = {},
): HealthReport {
  const down = Object.values(components).some((component) => component.status === 'down');
  return {
    service,
    status: down ? 'down' : 'up',
    version: VERSION,
    uptimeSeconds: Math.round(process.uptime()),
    components,
  };
}
