import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { PromotionRequest, RegistryEnvironmentPolicy, RegistryViewer } from '@modelport/plugin-models-common';
import { displayRef } from './displayRef';

/**
 * Open promotion requests; approve and reject are offered only to those the server would accept, cancel only to
 * the requester.
 */
export function PendingRequests(props: {
  requests: PromotionRequest[];
  environments: RegistryEnvironmentPolicy[];
  viewer?: RegistryViewer;
  busy: boolean;
  onDecide: (id: string, decision: 'approve' | 'reject') => void;
  onCancel: (id: string) => void;
}) {
  if (!props.requests.length) return null;
  return (
    <InfoCard title="Pending promotions">
      <List dense>
        {props.requests.map(r => {
          const policy = props.environments.find(e => e.name === r.toEnvironment);
          const approvals = r.decisions.filter(d => d.decision === 'approve').length;
          const decision = props.viewer?.decisions[r.id];
          const cancel = props.viewer?.cancellable.includes(r.id) && (
            <Button variant="outlined" disabled={props.busy} onClick={() => props.onCancel(r.id)}>
              Cancel request
            </Button>
          );
          return (
            <ListItem key={r.id} divider aria-label={`Promotion of ${r.version} to ${r.toEnvironment}`}>
              <ListItemText
                primary={`${r.version} → ${r.toEnvironment}`}
                secondary={
                  <>
                    Requested by {displayRef(r.requestedBy)} on {new Date(r.requestedAt).toLocaleString()}
                    {r.comment ? ` — “${r.comment}”` : ''}. Approvals {approvals} of {policy?.approvals ?? '?'}
                    {r.decisions.length > 0 && ` (${r.decisions.map(d => displayRef(d.actor)).join(', ')})`}.
                  </>
                }
              />
              {decision?.allowed ? (
                <Box display="flex" style={{ gap: 8 }}>
                  <Button variant="contained" color="primary" disabled={props.busy} onClick={() => props.onDecide(r.id, 'approve')}>
                    Approve
                  </Button>
                  <Button variant="outlined" disabled={props.busy} onClick={() => props.onDecide(r.id, 'reject')}>
                    Reject
                  </Button>
                  {cancel}
                </Box>
              ) : (
                <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                  <Typography variant="caption" color="textSecondary" style={{ maxWidth: 360 }}>
                    {decision?.reason ?? 'Sign in to decide on promotions.'}
                  </Typography>
                  {cancel}
                </Box>
              )}
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}
