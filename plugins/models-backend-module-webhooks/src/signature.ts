import { createHmac } from 'node:crypto';

/**
 * The header that carries a delivery's signature.
 *
 * @public
 */
export const SIGNATURE_HEADER = 'modelport-signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe and GitHub sign theirs: the receiver
 * recomputes it with the shared secret over the raw body, compares in constant time, and refuses an old `t`, so a
 * captured delivery cannot be replayed later.
 *
 * @public
 */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
