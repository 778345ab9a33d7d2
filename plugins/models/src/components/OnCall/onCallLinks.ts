import type { Entity } from '@backstage/catalog-model';

/** The annotations of the PagerDuty and Opsgenie Backstage plugins, read here as they read them. */
export const PAGERDUTY_SERVICE_ID = 'pagerduty.com/service-id';
export const PAGERDUTY_INTEGRATION_KEY = 'pagerduty.com/integration-key';
export const OPSGENIE_COMPONENT_SELECTOR = 'opsgenie.com/component-selector';
export const OPSGENIE_TEAM = 'opsgenie.com/team';

export type OnCallLink = { kind: 'runbook' | 'on-call' | 'incidents' | 'dashboard'; title: string; url?: string; note?: string };

const LINK_KINDS: Record<string, OnCallLink['kind']> = { runbook: 'runbook', playbook: 'runbook', incident: 'incidents', incidents: 'incidents', dashboard: 'dashboard', oncall: 'on-call', 'on-call': 'on-call' };

/**
 * What an SRE on call needs from a model's entity: its runbooks, dashboards and incident links (Backstage's
 * `metadata.links`, by their `type`), and where it pages (PagerDuty's and Opsgenie's annotations, linked when the
 * portal knows the account's address).
 */
export function onCallLinksOf(entity: Entity, accounts: { pagerDutyBaseUrl?: string; opsgenieBaseUrl?: string }): OnCallLink[] {
  const links: OnCallLink[] = (entity.metadata.links ?? []).flatMap(l => {
    const kind = LINK_KINDS[(l.type ?? '').toLocaleLowerCase('en-US')];
    return kind ? [{ kind, title: l.title ?? l.url, url: l.url }] : [];
  });
  const annotations = entity.metadata.annotations ?? {};
  const service = annotations[PAGERDUTY_SERVICE_ID];
  if (service) {
    links.push(
      accounts.pagerDutyBaseUrl
        ? { kind: 'on-call', title: `PagerDuty service ${service}`, url: `${accounts.pagerDutyBaseUrl.replace(/\/$/, '')}/service-directory/${encodeURIComponent(service)}` }
        : { kind: 'on-call', title: `PagerDuty service ${service}`, note: 'Set models.oncall.pagerDutyBaseUrl to link it' },
    );
  } else if (annotations[PAGERDUTY_INTEGRATION_KEY]) {
    links.push({ kind: 'on-call', title: 'Pages through a PagerDuty integration', note: 'The integration key names no service to link; add pagerduty.com/service-id' });
  }
  const selector = annotations[OPSGENIE_COMPONENT_SELECTOR];
  const team = annotations[OPSGENIE_TEAM];
  if (selector || team) {
    const base = accounts.opsgenieBaseUrl?.replace(/\/$/, '');
    if (selector) links.push({ kind: 'incidents', title: `Opsgenie alerts for ${selector}`, ...(base ? { url: `${base}/alert/list?query=${encodeURIComponent(selector)}` } : { note: 'Set models.oncall.opsgenieBaseUrl to link them' }) });
    if (team) links.push({ kind: 'on-call', title: `Opsgenie team ${team}`, ...(base ? { url: `${base}/teams/list?query=${encodeURIComponent(team)}` } : { note: 'Set models.oncall.opsgenieBaseUrl to link it' }) });
  }
  return links;
}
