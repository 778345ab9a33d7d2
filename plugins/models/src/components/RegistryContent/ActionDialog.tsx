import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useTheme } from '@material-ui/core/styles';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Outcome, OUTCOME_ID } from './Outcome';

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
  /** Where the focus goes after the action: the id of the message that says what happened. */
  outcomeId?: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('xs'));
  // When the dialog closes, the focus goes to what it did (the tab's message, OUTCOME_ID) after an action, and back
  // to what opened it otherwise; an opener in a table needs an id for that. Material-UI 4's own restoring is lost
  // whenever the dialog renders again while open (its focus trap re-runs its effect on a callback that is new every
  // render, and the re-run forgets the element), which every dialog here does once its check or its typing arrives.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : document.activeElement));
  const acted = useRef(false);
  useEffect(() => {
    // A refusal keeps the dialog open: closing it then acted on nothing.
    if (props.refusal) acted.current = false;
  }, [props.refusal]);
  useEffect(
    () => () => {
      // After the renders that closing causes: a table among them may draw its rows anew, and then the element with
      // the opener's id takes its place.
      window.setTimeout(() => {
        const back = opener?.isConnected || !opener?.id ? opener : document.getElementById(opener.id);
        const target = acted.current ? document.getElementById(props.outcomeId ?? OUTCOME_ID) : back;
        if (target instanceof HTMLElement) target.focus();
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [opener],
  );
  return (
    <Dialog open onClose={props.onClose} aria-labelledby={`${props.id}-title`} fullWidth maxWidth="sm" fullScreen={phone} disableRestoreFocus>
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
          onClick={() => {
            acted.current = true;
            props.onConfirm();
          }}
        >
          {props.confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
