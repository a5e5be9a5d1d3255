import { Subjects, type RedactRequest, type RedactResult } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { redactForStorage } from './log-text.redaction';

/** `guardrails.v1.redact`: the gateway's request logs, redacted before they are stored. */
@Injectable()
export class RedactHandler {
  @Handle(Subjects.guardrailsRedact)
  redact(payload: RedactRequest): RedactResult {
    const kinds = new Set<string>();
    const texts = payload.texts.map((text) => {
      const redacted = redactForStorage(text);
      for (const kind of redacted.kinds) kinds.add(kind);
      return redacted.text;
    });
    return { texts, kinds: [...kinds] };
  }
}
