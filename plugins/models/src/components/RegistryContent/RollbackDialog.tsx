import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { isReason, ReasonField } from './ReasonField';

/** Asks for the version to put back and a reason, which the audit trail keeps. */
export function RollbackDialog(props: {
  environment: string;
  candidates: string[];
  busy: boolean;
  onCancel: () => void;
  onConfirm: (version: string, reason: string) => void;
}) {
  const [version, setVersion] = useState(props.candidates[0] ?? '');
  const [reason, setReason] = useState('');
  const reasonOk = isReason(reason);
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby="rollback-title">
      <DialogTitle id="rollback-title">Roll back {props.environment}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The version you choose becomes current in {props.environment} at once. It passed this environment's policy
          when it was first promoted; the rollback is recorded in the audit trail with your reason.
        </DialogContentText>
        {props.candidates.length === 0 ? (
          <DialogContentText>No earlier version has been in {props.environment}.</DialogContentText>
        ) : (
          <>
            <TextField id="rollback-version" select fullWidth margin="normal" label="Version" value={version} onChange={e => setVersion(e.target.value)}>
              {props.candidates.map(c => (
                <MenuItem key={c} value={c}>
                  {c}
                </MenuItem>
              ))}
            </TextField>
            <ReasonField id="rollback-reason" value={reason} onChange={setReason} />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button color="secondary" variant="contained" disabled={!reasonOk || !version || props.busy} onClick={() => props.onConfirm(version, reason.trim())}>
          Roll back
        </Button>
      </DialogActions>
    </Dialog>
  );
}
