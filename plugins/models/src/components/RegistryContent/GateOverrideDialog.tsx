import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useState } from 'react';
import { isReason, ReasonField } from './ReasonField';

/** The registry's phrase for gates the requester may override; only those are offered an override. */
export const OVERRIDABLE = '(the requester may override with a reason)';

/** Asks why a promotion should go ahead although live SLO or drift gates fail; the audit trail keeps the reason. */
export function GateOverrideDialog(props: { version: string; environment: string; busy: boolean; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const reasonOk = isReason(reason);
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby="override-title">
      <DialogTitle id="override-title">
        Promote {props.version} to {props.environment} anyway
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The live SLO and drift gate failed. Your request goes ahead with your reason, which the approvers see and the
          audit trail keeps; approvals are still needed.
        </DialogContentText>
        <ReasonField id="override-reason" value={reason} onChange={setReason} />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button color="secondary" variant="contained" disabled={!reasonOk || props.busy} onClick={() => props.onConfirm(reason.trim())}>
          Request with override
        </Button>
      </DialogActions>
    </Dialog>
  );
}
