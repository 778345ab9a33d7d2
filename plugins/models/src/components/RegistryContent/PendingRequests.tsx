import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import type { PromotionRequest, RegistryEnvironmentPolicy, RegistryViewer } from '@modelport/plugin-models-common';
import { listed, personRef } from './displayRef';
import type { Decision } from './DecisionDialog';
import { approversText } from './policyText';
import { agoZoned } from '../Observability/format';

/**
 * Open promotion requests: who asked, how many approvals are given of how many, who may decide; approve and reject
 * are offered only to those the server would accept, cancel only to the requester, and everyone else is told why.
 */
export function PendingRequests(props: {
  requests: PromotionRequest[];
  environments: RegistryEnvironmentPolicy[];
  owner: string;
  namespace?: string;
  viewer?: RegistryViewer;
  busy: boolean;
  onAct: (request: PromotionRequest, decision: Decision) => void;
}) {
  if (!props.requests.length) return null;
  const who = (ref: string) => personRef(ref, props.viewer?.ref);
  return (
    <InfoCard title="Pending promotions">
      <List dense>
        {props.requests.map(r => {
          const policy = props.environments.find(e => e.name === r.toEnvironment);
          const approvedBy = r.decisions.filter(d => d.decision === 'approve').map(d => who(d.actor));
          const decision = props.viewer?.decisions[r.id];
          const cancellable = props.viewer?.cancellable.includes(r.id);
          // The rules that concern the viewer themselves are said to them; the others in the server's words.
          let why = decision?.reason ?? 'Sign in to decide on promotions.';
          if (decision?.blocker === 'already-decided') why = `You have already decided on this request${policy?.distinctApprovers ? '; each approval must come from a different person' : ''}.`;
          if (decision?.blocker === 'separation-of-duties') why = `You requested this promotion, so someone else from ${policy ? approversText(policy, props.owner, props.namespace) : 'the approvers'} decides on it.`;
          return (
            <ListItem key={r.id} divider aria-label={`Promotion of ${r.version} to ${r.toEnvironment}`} style={{ flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
              <Box flex="1 1 320px" minWidth={0} style={{ overflowWrap: 'anywhere' }}>
                <Typography variant="subtitle1" component="h3">
                  {r.version} → {r.toEnvironment}
                </Typography>
                <Typography variant="body2">
                  Requested by {who(r.requestedBy)} {agoZoned(r.requestedAt)}
                  {r.comment ? `: “${r.comment}”` : ''}
                </Typography>
                {r.gateOverrideReason && <Typography variant="body2">Gate override: “{r.gateOverrideReason}”</Typography>}
                <Typography variant="body2">
                  Approvals {approvedBy.length} of {policy?.approvals ?? '?'}
                  {approvedBy.length ? ` (${listed(approvedBy)})` : ''}
                  {policy ? `; decided by ${approversText(policy, props.owner, props.namespace)}` : ''}.
                </Typography>
                {!decision?.allowed && (
                  <Typography variant="caption" color="textSecondary" display="block">
                    {why}
                  </Typography>
                )}
              </Box>
              <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
                {decision?.allowed && (
                  <>
                    <Button variant="contained" color="primary" disabled={props.busy} onClick={() => props.onAct(r, 'approve')}>
                      Approve…
                    </Button>
                    <Button variant="outlined" disabled={props.busy} onClick={() => props.onAct(r, 'reject')}>
                      Reject…
                    </Button>
                  </>
                )}
                {cancellable && (
                  <Button variant="outlined" disabled={props.busy} onClick={() => props.onAct(r, 'cancel')}>
                    Cancel request…
                  </Button>
                )}
              </Box>
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}
