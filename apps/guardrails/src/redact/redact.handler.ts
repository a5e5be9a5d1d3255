import { Subjects, type RedactRequest, type RedactResult } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { PolicyResolver } from '../policy/policy-resolver';
import { redactForStorage } from './log-text.redaction';

/** `guardrails.v1.redact`: the gateway's request logs, redacted before they are stored. */
@Injectable()
export class RedactHandler {
  constructor(private readonly policies: PolicyResolver) {}

  @Handle(Subjects.guardrailsRedact)
  redact(payload: RedactRequest): RedactResult {
    const regions = this.policies.resolve(payload.policy ?? null).pii_phone_regions;
    const kinds = new Set<string>();
    const texts = payload.texts.map((text) => {
      const redacted = redactForStorage(text, regions);
      for (const kind of redacted.kinds) kinds.add(kind);
      return redacted.text;
    });
    return { texts, kinds: [...kinds] };
  }
}
