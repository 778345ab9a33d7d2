import { Link, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { attentionOf, byBudget, ownerRefOf, type Row, unreadClusters } from '../Observability/fleetRow';
import { useFleet } from '../Observability/useFleet';
import { ErrorText, useToneStyles } from '../Tone';

/** What a row with nothing to act on says; figures not there yet are said as such, never as "in order". */
function calm(row: Row): string {
  if (row.status.latest) return 'In order: no budget overspent, no alert, no drift, nothing served against approval.';
  if (row.status.state === 'not-configured') return 'No Prometheus is configured for it: no SLO or drift figures.';
  return 'Not evaluated yet: its first SLO and drift figures come with the next evaluation.';
}

/**
 * The home page's "My teams' models": the models the signed-in person's groups (or the person) own, those that need
 * them first (budget overspent, burn-rate alerts, drift, serving against approval, stale figures), each with why in
 * words; from the same fleet read as the fleet page.
 */
export function MyTeamsModels() {
  const tones = useToneStyles();
  const fleet = useFleet();
  const { loading, error } = fleet;
  const value = useMemo(() => {
    if (!fleet.value) return undefined;
    const { rows, mine } = fleet.value;
    // Those that need attention first, and among each the lowest error budget first.
    const listed = rows
      .filter(row => mine.has(ownerRefOf(row.owner)))
      .map(row => ({ row, reasons: attentionOf(row) }))
      .sort((a, b) => Number(b.reasons.length > 0) - Number(a.reasons.length > 0) || byBudget(a.row, b.row));
    return { rows: listed, unread: unreadClusters(listed.map(r => r.row)) };
  }, [fleet.value]);

  if (loading) return <Progress />;
  // Said in full, not folded into an error panel: on a home page the reason is the whole message.
  if (error) {
    return (
      <ErrorText role="alert">The fleet could not be read: {error.message}</ErrorText>
    );
  }
  if (!value?.rows.length) {
    return (
      <Typography>
        None of your teams owns a Model yet. The <Link to="/models/fleet">fleet page</Link> shows every model.
      </Typography>
    );
  }
  const troubled = value.rows.filter(v => v.reasons.length).length;
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {troubled ? `${troubled} of ${value.rows.length} need attention.` : `None of ${value.rows.length} needs attention now.`}
      </Typography>
      {value.unread.length > 0 && (
        <Typography variant="body2" color="textSecondary" style={{ overflowWrap: 'anywhere' }}>
          Serving is unknown where a cluster could not be read: {value.unread.join('; ')}
        </Typography>
      )}
      <List dense aria-label="My teams' models">
        {value.rows.map(({ row, reasons }) => (
          <ListItem key={row.modelRef} disableGutters>
            <ListItemText
              primary={<EntityRefLink entityRef={row.modelRef} title={row.title} />}
              secondary={reasons.length ? reasons.join('; ') : calm(row)}
              // Backstage's theme cuts dense list text to one line; what is said here must be read in full.
              style={{ whiteSpace: 'normal' }}
              secondaryTypographyProps={{
                color: reasons.length ? 'inherit' : 'textSecondary',
                className: reasons.length ? tones.errorText : undefined,
                style: { overflowWrap: 'anywhere' },
              }}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
