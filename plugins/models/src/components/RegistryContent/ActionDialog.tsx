import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useTheme } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import { Outcome } from './Outcome';

/**
 * The frame of every registry action: what it will do, the fields it needs, and the server's reason in full
 * when it refuses, so that the person can change what they sent and try again. Full screen on a phone.
 */
export function ActionDialog(props: {
  id: string;
  title: string;
  children: ReactNode;
  confirm: string;
  canConfirm: boolean;
  busy: boolean;
  refusal?: string;
  destructive?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('xs'));
  return (
    <Dialog open onClose={props.onClose} aria-labelledby={`${props.id}-title`} fullWidth maxWidth="sm" fullScreen={phone}>
      <DialogTitle id={`${props.id}-title`}>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        <Outcome outcome={props.refusal ? { severity: 'error', message: `The registry refused: ${props.refusal}` } : undefined} />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        <Button
          variant="contained"
          color={props.destructive ? 'secondary' : 'primary'}
          disabled={!props.canConfirm || props.busy}
          onClick={props.onConfirm}
        >
          {props.confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
