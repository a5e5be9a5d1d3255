import type { AuditTarget } from '@conduit/contracts';
import { SetMetadata } from '@nestjs/common';

export const AUDITED = Symbol('AUDITED');

/** What an audited handler saw: its path parameters, body, and result when it succeeded. */
export interface AuditContext {
  params: Record<string, string | undefined>;
  body: unknown;
  /** The handler's result; undefined when it failed. */
  result: unknown;
}

/** The ids an entry names, and a summary of the change (sanitised again by the recorder). */
export interface AuditDescription {
  target?: Partial<AuditTarget>;
  summary?: Record<string, unknown>;
}

export interface AuditSpec {
  /** `<entity>.<verb>`: `team.create`, `key.revoke`, `budget.set`, `cache.purge`, … */
  action: string;
  /**
   * Names the target and summarises the change; must cope with a failed action (no result)
   * and an invalid body. Never return a secret (the recorder also strips key-like values).
   */
  describe?: (context: AuditContext) => AuditDescription;
}

/**
 * Names the admin action a mutating admin route performs, for the audit log. Every mutating
 * route under /v1/admin (or marked @AdminOnly) is recorded whether or not it is decorated —
 * undecorated as `admin.<method>` — so the decoration is what makes the entry meaningful.
 */
export const Audited = (action: string, describe?: AuditSpec['describe']) =>
  SetMetadata(AUDITED, { action, describe } satisfies AuditSpec);
