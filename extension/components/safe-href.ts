/**
 * Link safety for CRM and host-page URLs: a link is rendered only when its URL parses as http or https.
 * Everything else (`javascript:`, `data:`, relative paths, junk) is shown as plain text by the caller.
 */

/**
 * The URL to put in `href`, or undefined when it must not be a link.
 *
 * @example
 * safeHref('https://acme.example/pricing') // 'https://acme.example/pricing'
 * safeHref('javascript:alert(1)')         // undefined
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    // No base URL: a relative value would resolve against the host page, which is not what the CRM meant.
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // Re-serialised, so what we link is exactly what the parser understood (no stray whitespace or control characters).
  return parsed.href;
}

// A bare host name such as `acme.example` or `www.acme.co.uk`: labels of letters, digits and hyphens.
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

/**
 * The link for a company website as the CRM stores it: a bare domain becomes `https://domain/`;
 * a full URL passes through `safeHref`; anything else is not a link.
 *
 * @example
 * websiteHref('acme.example')        // 'https://acme.example/'
 * websiteHref('javascript:alert(1)') // undefined
 */
export function websiteHref(website: string | null | undefined): string | undefined {
  if (!website) return undefined;
  const value = website.trim();
  if (HOST_NAME.test(value)) return safeHref(`https://${value}/`);
  return safeHref(value);
}

// Digits, spaces and + - ( ) . only, as the server stores a number (E.164 or as typed).
const PHONE = /^\+?[\d\s\-().]{6,40}$/;
// Deliberately narrower than RFC 5322: no `?`, `&`, `=` or `%`, so an address can never add headers or a body to the mailto URL.
const EMAIL = /^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * A `tel:` link for a phone number, or undefined when it is not plainly one: only digits (and a
 * leading +) reach the href, 6 to 15 of them.
 *
 * @example
 * telHref('+46 70-123 45 67')  // 'tel:+46701234567'
 * telHref('+1 555 0100;ext=9') // undefined
 */
export function telHref(phone: string | null | undefined): string | undefined {
  const value = phone?.trim();
  if (!value || !PHONE.test(value)) return undefined;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return undefined;
  return `tel:${value.startsWith('+') ? '+' : ''}${digits}`;
}

/**
 * A `mailto:` link for one plain address, or undefined: nothing that could add a recipient,
 * a header or a body.
 *
 * @example
 * mailtoHref('jane.doe@acme.example')        // 'mailto:jane.doe@acme.example'
 * mailtoHref('a@b.example?bcc=x@evil.example') // undefined
 */
export function mailtoHref(address: string | null | undefined): string | undefined {
  const value = address?.trim();
  if (!value || value.length > 254 || !EMAIL.test(value)) return undefined;
  return `mailto:${value}`;
}
