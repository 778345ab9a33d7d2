import DialogContentText from '@material-ui/core/DialogContentText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import { isReason, ReasonField } from './ReasonField';

/** Asks for the version to put back and a reason, which the audit trail keeps. Offered only with a candidate. */
export function RollbackDialog(props: {
  environment: string;
  current?: string;
  candidates: string[];
  busy: boolean;
  onConfirm: (version: string, reason: string) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const [version, setVersion] = useState(props.candidates[0] ?? '');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  return (
    <ActionDialog
      id="rollback"
      title={`Roll back ${props.environment}`}
      confirm="Roll back"
      destructive
      canConfirm={isReason(reason) && Boolean(version)}
      busy={props.busy}
      refusal={refusal}
      onClose={props.onClose}
      onConfirm={async () => {
        const refused = await props.onConfirm(version, reason.trim());
        if (refused) setRefusal(refused);
        else props.onClose();
      }}
    >
      <DialogContentText>
        The version you choose replaces {props.current ?? 'the current one'} in {props.environment} at once, without new
        approvals: it passed this environment's policy when it was first promoted. The rollback is recorded in the audit
        trail with your reason.
      </DialogContentText>
      <TextField id="rollback-version" select fullWidth margin="normal" label="Version" value={version} onChange={e => setVersion(e.target.value)}>
        {props.candidates.map(c => (
          <MenuItem key={c} value={c}>
            {c}
          </MenuItem>
        ))}
      </TextField>
      <ReasonField id="rollback-reason" value={reason} onChange={setReason} />
    </ActionDialog>
  );
}
