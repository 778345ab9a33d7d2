import { Progress } from '@backstage/core-components';
import DialogContentText from '@material-ui/core/DialogContentText';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import type { GateResult, PromotionCheck, RegistryEnvironmentPolicy } from '@modelport/plugin-models-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ActionDialog } from './ActionDialog';
import { policyText } from './policyText';
import { AuditedTextField, isReason, isRemark } from './ReasonField';
import { ErrorText, toneColors } from '../Tone';

function verdictOf(gate: GateResult): string {
  if (gate.passed) return 'passes';
  return gate.overridable ? 'fails (you may override it with a reason)' : 'fails';
}

/**
 * Asks for a promotion with a comment, after showing what it will meet: the environment's policy, and each quality
 * gate's verdict now (from the registry's check, which changes nothing). When only overridable gates fail, the
 * person may go ahead with a reason, which the approvers see and the audit trail keeps.
 */
export function PromoteDialog(props: {
  version: string;
  environment: string;
  policy?: RegistryEnvironmentPolicy;
  owner: string;
  namespace?: string;
  busy: boolean;
  check: () => Promise<PromotionCheck>;
  onConfirm: (comment: string, overrideReason?: string) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const checked = useAsync(props.check, []);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const gates = checked.value?.gates ?? [];
  const failing = gates.filter(g => !g.passed);
  const overridable = failing.length > 0 && failing.every(g => g.overridable);
  const blocked = Boolean(checked.value?.blocker) || (failing.length > 0 && !overridable);
  const immediate = props.policy?.approvals === 0;
  let confirmLabel = immediate ? 'Promote' : 'Request promotion';
  if (overridable) confirmLabel = 'Request with override';
  const ready = Boolean(checked.value) && !blocked && isRemark(comment) && (!overridable || isReason(reason));

  return (
    <ActionDialog
      id="promote"
      title={`Promote ${props.version} to ${props.environment}`}
      confirm={confirmLabel}
      canConfirm={ready}
      busy={props.busy}
      refusal={refusal}
      onClose={props.onClose}
      onConfirm={async () => {
        const refused = await props.onConfirm(comment.trim(), overridable ? reason.trim() : undefined);
        if (refused) setRefusal(refused);
        else props.onClose();
      }}
    >
      <DialogContentText>
        {props.policy ? policyText(props.policy, props.owner, props.namespace) : ''}{' '}
        {immediate ? `${props.version} becomes current in ${props.environment} at once.` : 'The request then waits for the approvals, in Pending promotions below.'}
      </DialogContentText>
      {checked.loading && <Progress />}
      {checked.error && <ErrorText>Could not check the promotion: {checked.error.message}</ErrorText>}
      {checked.value?.blocker && (
        <ErrorText role="alert" style={{ overflowWrap: 'anywhere' }}>
          The registry would refuse this request: {checked.value.blocker}.
        </ErrorText>
      )}
      {gates.length > 0 && (
        <List dense aria-label="Quality gates">
          {gates.map(g => (
            <ListItem key={g.type} disableGutters>
              <ListItemIcon style={{ minWidth: 32 }}>
                {g.passed ? <CheckCircleIcon style={{ color: toneColors.ok }} titleAccess="passes" /> : <ErrorIcon style={{ color: toneColors.critical }} titleAccess="fails" />}
              </ListItemIcon>
              <ListItemText
                // Backstage's theme cuts dense list text to one line; what is said here must be read in full.
                style={{ whiteSpace: 'normal' }}
                primary={`${g.type}: ${verdictOf(g)}`}
                secondary={g.message}
                secondaryTypographyProps={{ style: { overflowWrap: 'anywhere' } }}
              />
            </ListItem>
          ))}
        </List>
      )}
      {checked.value && !checked.value.blocker && gates.length === 0 && <DialogContentText>No quality gate applies to {props.environment}.</DialogContentText>}
      {!blocked && <AuditedTextField id="promote-comment" label="Comment for the approvers" value={comment} onChange={setComment} focusFirst />}
      {overridable && <AuditedTextField id="promote-override" label="Why promote although the gate fails" value={reason} onChange={setReason} required />}
    </ActionDialog>
  );
}
