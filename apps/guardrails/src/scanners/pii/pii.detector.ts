import type { Finding } from '../finding';
import { detectCreditCards } from './credit-card.detector';
import { detectEmails } from './email.detector';
import { detectIbans } from './iban.detector';
import { detectIpAddresses } from './ip-address.detector';
import { detectPhones } from './phone.detector';
import { phoneRegions } from './phone-regions';
import { resolveOverlaps } from './resolve-overlaps';
import { detectUsSsns } from './us-ssn.detector';

export interface PiiOptions {
  /**
   * ISO 3166 alpha-2 codes of the regions whose national phone format (no country code) is
   * recognised, in order of preference; the policy's `pii_phone_regions`. Default: US, GB,
   * DE, FR, ES. Codes libphonenumber has no numbering plan for are skipped.
   */
  phoneRegions?: readonly string[];
}

/**
 * Personal data in `text`: `email`, `phone`, `credit_card`, `iban`, `us_ssn`, `ip_address`.
 * Sorted by start and non-overlapping; where detectors disagree about a span (a card number
 * that also parses as a phone) the more confident, then the longer, finding wins.
 */
export function detectPii(text: string, options: PiiOptions = {}): Finding[] {
  if (text.length === 0) return [];
  return resolveOverlaps([
    ...detectEmails(text),
    ...detectCreditCards(text),
    ...detectIbans(text),
    ...detectUsSsns(text),
    ...detectIpAddresses(text),
    ...detectPhones(text, phoneRegions(options.phoneRegions)),
  ]);
}
