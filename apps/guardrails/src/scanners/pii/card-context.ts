import { hasContextAfter, lineBefore } from './context-window';

/**
 * Words people write next to a card number, in the languages our users write in, compounds
 * included (`creditcard`, `Bankkarte`, `Kreditkartennummer`). `cc` and `pan` are short, but
 * only ever consulted for a Luhn-valid run of 12-19 digits.
 */
const CARD_WORDS =
  /(?<![\p{L}\p{N}])(?:\p{L}*cards?|credit|debit|visa|master ?card|maestro|amex|american express|discover|jcb|diners|union ?pay|rupay|cc|ccn|cvv|cvc|pan|payments?|pay|paid|paying|charged?|billing|kredit\w*|\p{L}*kart(?:e|en)\w*|kaart\w*|tarjeta\w*|carte\w*|carta|cartão|cartao|zahlung\w*|paiement|pago)(?![\p{L}])/giu;

/**
 * Words that say a long number is an identifier, not a payment card ("order 7834..."), the
 * cards that are not payment cards among them ("ID card", "SIM card": they end where the
 * card word does, and a tie goes to the identifier).
 */
const IDENTIFIER_WORDS =
  /(?<![\p{L}\p{N}])(?:(?:id|identity|sim|member(?:ship)?|library|loyalty|insurance|health|student|access|key) cards?|carte d'identité|tarjeta de identidad|personalausweis|code|passcode|pin|meeting|voucher|coupon|promo|order|invoice|inv|tracking|track|parcel|shipment|ref|reference|id|transaction|txn|ticket|case|sku|serial|s\/n|account|acct|customer|booking|confirmation|reservation|isbn|issn|ean|gtin|upc|barcode|imei|iccid|imsi|meid|sim|batch|lot|build|version|patent|bestell\w*|sendung\w*|rechnung\w*|kunden\w*|auftrag\w*|commande|facture|colis|pedido|factura|seguimiento)(?![\p{L}])/giu;

const WINDOW_BEFORE = 48;
const WINDOW_AFTER = 24;

/**
 * Whether a card word labels the number at `start`..`end`: the nearest label before it on the
 * same line is a card word (an identifier label closer to the number wins: "card order
 * 7834..." is an order, "ID card 7834..." an identity card), or a card word follows right
 * after it ("7834... (Visa)").
 */
export function hasCardContext(text: string, start: number, end: number): boolean {
  const before = lineBefore(text, start, WINDOW_BEFORE);
  const cardEnd = lastMatchEnd(before, CARD_WORDS);
  if (cardEnd >= 0 && cardEnd > lastMatchEnd(before, IDENTIFIER_WORDS)) return true;
  return hasContextAfter(text, end, CARD_WORDS, WINDOW_AFTER);
}

/** Whether an identifier word sits before the number on its line, closer than any card word. */
export function hasIdentifierContext(text: string, start: number): boolean {
  const before = lineBefore(text, start, WINDOW_BEFORE);
  const identifierEnd = lastMatchEnd(before, IDENTIFIER_WORDS);
  return identifierEnd >= 0 && identifierEnd >= lastMatchEnd(before, CARD_WORDS);
}

/** Where the last match of `pattern` in `window` ends (-1: none); the nearest label wins. */
function lastMatchEnd(window: string, pattern: RegExp): number {
  let last = -1;
  for (const match of window.matchAll(pattern)) last = match.index + match[0].length;
  return last;
}
