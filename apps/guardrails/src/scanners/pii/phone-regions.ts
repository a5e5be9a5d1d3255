import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

/**
 * Regions whose national format (no `+`, no `00`) is recognised when nobody configured any:
 * where most of our users write from. National numbers are ambiguous between countries and
 * every region added makes more digit strings "valid" somewhere, so deployments and keys
 * choose their own (`GUARDRAILS_PHONE_REGIONS`, policy `pii_phone_regions`). International
 * numbers are recognised for every country whatever the list says.
 */
export const DEFAULT_PHONE_REGIONS: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR', 'ES'];

const cache = new Map<string, readonly CountryCode[]>();

/**
 * The regions of `codes` that libphonenumber has a numbering plan for, in order, without
 * repeats. ISO codes without one (Antarctica, Bouvet Island...) are skipped rather than
 * refused: a policy valid for the admin API must not break scanning. Memoised, because the
 * same few lists come with every request.
 */
export function phoneRegions(codes: readonly string[] | undefined): readonly CountryCode[] {
  if (codes === undefined) return DEFAULT_PHONE_REGIONS;
  const key = codes.join(',');
  let regions = cache.get(key);
  if (regions === undefined) {
    const usable = codes
      .map((code) => code.toUpperCase())
      .filter((code): code is CountryCode => isSupportedCountry(code));
    regions = [...new Set(usable)];
    // Policies are few; a bound keeps a caller sending endless variations from growing it.
    if (cache.size < 256) cache.set(key, regions);
  }
  return regions;
}
