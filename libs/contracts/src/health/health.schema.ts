import { z } from 'zod';

export const HealthCheckRequestSchema = z.object({});

export const ComponentHealthSchema = z.object({
  status: z.enum(['up', 'down']),
  detail: z.string().optional(),
});

export const HealthReportSchema = z.object({
  service: z.string(),
  status: z.enum(['up', 'down']),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  components: z.record(z.string(), ComponentHealthSchema).default({}),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;
export type ComponentHealth = z.infer<typeof ComponentHealthSchema>;
