import { InfoCard, Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { onCallLinksOf, type OnCallLink } from './onCallLinks';

const KIND_LABELS: Record<OnCallLink['kind'], string> = { 'on-call': 'On call', runbook: 'Runbook', incidents: 'Incidents', dashboard: 'Dashboard' };

/** Runbooks, dashboards, where the model pages and its incidents: what whoever is on call reaches for first. */
export function OnCallCard() {
  const { entity } = useEntity();
  const config = useApi(configApiRef);
  const links = onCallLinksOf(entity, {
    pagerDutyBaseUrl: config.getOptionalString('models.oncall.pagerDutyBaseUrl'),
    opsgenieBaseUrl: config.getOptionalString('models.oncall.opsgenieBaseUrl'),
  });
  return (
    <InfoCard title="On call and runbooks">
      {links.length ? (
        <List dense aria-label="On call and runbooks">
          {links.map((l, i) => (
            <ListItem key={i} disableGutters>
              <ListItemText
                // Backstage's theme cuts dense list text to one line; what is said here must be read in full.
                style={{ whiteSpace: 'normal' }}
                primary={l.url ? <Link to={l.url}>{l.title}</Link> : l.title}
                secondary={`${KIND_LABELS[l.kind]}${l.note ? ` — ${l.note}` : ''}`}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2">
          No runbook or on-call rotation is declared for this model. Add <code>metadata.links</code> with <code>type: runbook</code> (or dashboard, incidents), or
          PagerDuty's <code>pagerduty.com/service-id</code> or Opsgenie's <code>opsgenie.com/component-selector</code> annotation.
        </Typography>
      )}
    </InfoCard>
  );
}
