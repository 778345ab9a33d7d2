import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { RegistryAction } from '@modelport/plugin-models-common';

export type Webhook = {
  name: string;
  url: string;
  /** Signs every delivery; the receiver holds the same secret. */
  secret: string;
  /** Only these actions; every one when absent. */
  actions?: RegistryAction[];
  timeoutMs: number;
};

export type RetryPolicy = { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };

const ACTIONS: RegistryAction[] = [
  'version.registered',
  'version.updated',
  'promotion.requested',
  'promotion.approved',
  'promotion.rejected',
  'promotion.blocked',
  'promotion.completed',
  'promotion.cancelled',
  'environment.rolled-back',
  'review.recorded',
];

/** Reads `models.webhooks`: each receiver and what it gets; refuses at start what could never be delivered. */
export function readWebhooks(config: Config): { webhooks: Webhook[]; retry: RetryPolicy } {
  const entries = config.getOptionalConfigArray('models.webhooks.receivers') ?? [];
  const names = new Set<string>();
  const webhooks = entries.map((entry, i) => {
    const name = entry.getString('name');
    const where = `models.webhooks.receivers[${i}] (${name})`;
    if (names.has(name)) throw new InputError(`${where}: the name is used twice`);
    names.add(name);
    const url = entry.getString('url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`${where}: url '${url}' is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new InputError(`${where}: url must be http or https, not ${parsed.protocol}`);
    const secret = entry.getString('secret');
    // HMAC-SHA256's key should be as strong as its output; a short secret is guessable offline from one delivery.
    if (secret.length < 32) throw new InputError(`${where}: secret must be at least 32 characters`);
    const actions = entry.getOptionalStringArray('actions');
    for (const action of actions ?? []) {
      if (!ACTIONS.includes(action as RegistryAction)) throw new InputError(`${where}: '${action}' is not a registry action; use ${ACTIONS.join(', ')}`);
    }
    return { name, url, secret, ...(actions ? { actions: actions as RegistryAction[] } : {}), timeoutMs: (entry.getOptionalNumber('timeoutSeconds') ?? 10) * 1000 };
  });
  const retry = config.getOptionalConfig('models.webhooks.retry');
  return {
    webhooks,
    retry: {
      maxAttempts: retry?.getOptionalNumber('maxAttempts') ?? 8,
      initialDelayMs: (retry?.getOptionalNumber('initialDelaySeconds') ?? 30) * 1000,
      maxDelayMs: (retry?.getOptionalNumber('maxDelaySeconds') ?? 3600) * 1000,
    },
  };
}
