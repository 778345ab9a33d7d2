import { InfoCard } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { auditReportRouteRef } from '../../routes';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import type { AuditEvent } from '@modelport/plugin-models-common';
import { useState } from 'react';
import { personRef } from './displayRef';
import { ago, zoned } from '../Observability/format';

type Fields = Record<string, unknown> & { version?: string; environment?: string; toEnvironment?: string; requestId?: string; id?: string };

/** What happened to which version in which environment, and the text a person gave with it. */
export function describeAuditEvent(event: AuditEvent, requests: Map<string, { version: string; environment: string }>): { what: string; text?: string } {
  const after = (event.after ?? {}) as Fields;
  const before = (event.before ?? {}) as Fields;
  const policy = (event.policy ?? {}) as Fields;
  const request = requests.get(String(after.requestId ?? before.id ?? ''));
  const target = request ? `${request.version} → ${request.environment}` : `a promotion to ${policy.environment ?? 'an environment'}`;
  const comment = typeof after.comment === 'string' && after.comment ? after.comment : undefined;
  switch (event.action) {
    case 'version.registered':
      return { what: `registered version ${after.version}` };
    case 'version.updated':
      return { what: `changed the description or tags of ${after.version ?? 'a version'}` };
    case 'promotion.requested':
      return { what: `requested ${after.version} → ${after.toEnvironment}`, text: comment ?? (after.gateOverrideReason as string | undefined) };
    case 'promotion.approved':
      return { what: `approved ${target}`, text: comment };
    case 'promotion.rejected':
      return { what: `rejected ${target}`, text: comment };
    case 'promotion.cancelled':
      return { what: `cancelled the request ${target}` };
    case 'promotion.completed':
      return { what: `promoted ${after.version} to ${after.environment}${before.version ? `, replacing ${before.version}` : ''}` };
    case 'promotion.blocked':
      return { what: `approved ${target}, but a quality gate blocked the promotion` };
    case 'environment.rolled-back':
      return { what: `rolled ${after.environment} back to ${after.version}${before.version ? ` from ${before.version}` : ''}`, text: after.reason as string };
    default:
      return { what: event.action };
  }
}

function Entry(props: { event: AuditEvent; requests: Map<string, { version: string; environment: string }>; viewerRef?: string }) {
  const { event: e } = props;
  const [open, setOpen] = useState(false);
  const { what, text } = describeAuditEvent(e, props.requests);
  const long = (text?.length ?? 0) > 160;
  return (
    <ListItem divider style={{ display: 'block', overflowWrap: 'anywhere' }}>
      <Typography variant="body2">
        <strong>#{e.subjectSeq ?? e.seq}</strong> {personRef(e.actor, props.viewerRef)} {what}
      </Typography>
      {text && (
        <Typography variant="body2" color="textSecondary" style={open || !long ? undefined : { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
          “{text}”
        </Typography>
      )}
      {long && (
        <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Show less' : 'Show all'}
        </Button>
      )}
      <Typography variant="caption" color="textSecondary" display="block">
        <time dateTime={e.at}>
          {ago(e.at)}, {zoned(e.at)}
        </time>{' '}
        · chain #{e.seq} · {e.hash.slice(0, 12)}
      </Typography>
    </ListItem>
  );
}

/** The model's audit events, newest first, numbered within the model, each with its place in the hash chain. */
export function AuditTimeline(props: { events: AuditEvent[] | Error; viewerRef?: string; modelRef: string }) {
  const reportRoute = useRouteRef(auditReportRouteRef);
  if (props.events instanceof Error) {
    return (
      <InfoCard title="Audit trail">
        <Typography color="textSecondary">The audit trail is not available to you: {props.events.message}</Typography>
      </InfoCard>
    );
  }
  const requests = new Map(
    props.events
      .filter(e => e.action === 'promotion.requested')
      .map(e => {
        const r = e.after as { id: string; version: string; toEnvironment: string };
        return [r.id, { version: r.version, environment: r.toEnvironment }];
      }),
  );
  return (
    <InfoCard
      title="Audit trail"
      subheader={props.events.length ? `${props.events.length} most recent events of this model, newest first` : undefined}
      deepLink={
        reportRoute && props.events.length
          ? { title: "This model's auditor's report", link: `${reportRoute()}?${new URLSearchParams({ model: props.modelRef, from: props.events[0].at.slice(0, 10), to: new Date().toISOString().slice(0, 10) })}` }
          : undefined
      }
    >
      {props.events.length === 0 ? (
        <Typography color="textSecondary">Nothing has been recorded for this model yet.</Typography>
      ) : (
        <List dense aria-label="Audit trail">
          {[...props.events].reverse().map(e => (
            <Entry key={e.seq} event={e} requests={requests} viewerRef={props.viewerRef} />
          ))}
        </List>
      )}
    </InfoCard>
  );
}
