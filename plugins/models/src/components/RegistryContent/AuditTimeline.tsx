import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { AuditEvent } from '@modelport/plugin-models-common';
import { displayRef } from './displayRef';

function describe(event: AuditEvent): string {
  const after = (event.after ?? {}) as Record<string, unknown>;
  switch (event.action) {
    case 'version.registered':
      return `registered version ${after.version}`;
    case 'promotion.requested':
      return `requested ${after.version} → ${after.toEnvironment}`;
    case 'promotion.approved':
      return 'approved a promotion';
    case 'promotion.rejected':
      return 'rejected a promotion';
    case 'promotion.cancelled':
      return 'cancelled a promotion request';
    case 'promotion.completed':
      return `promoted ${after.version} to ${after.environment}`;
    case 'promotion.blocked':
      return 'approvals complete, but a quality gate blocked the promotion';
    case 'environment.rolled-back':
      return `rolled ${after.environment} back to ${after.version}: ${after.reason}`;
    default:
      return event.action;
  }
}

/** The model's audit events, newest first, each with its place in the hash chain. */
export function AuditTimeline(props: { events: AuditEvent[] | Error }) {
  return (
    <InfoCard title="Audit trail">
      {props.events instanceof Error ? (
        <Typography color="textSecondary">The audit trail is not available to you: {props.events.message}</Typography>
      ) : (
        <List dense aria-label="Audit trail">
          {[...props.events].reverse().map(e => (
            <ListItem key={e.seq} divider>
              <ListItemText
                primary={`${displayRef(e.actor)} ${describe(e)}`}
                secondary={`${new Date(e.at).toLocaleString()} · #${e.seq} · ${e.hash.slice(0, 12)}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
