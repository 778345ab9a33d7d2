import Alert from '@material-ui/lab/Alert';

export type OutcomeMessage = { severity: 'success' | 'warning' | 'error'; message: string };

/** What the last action did, in full: a success, or the server's reason when it refused. */
export function Outcome(props: { outcome?: OutcomeMessage; onClose?: () => void }) {
  if (!props.outcome) return null;
  const { severity, message } = props.outcome;
  return (
    <Alert severity={severity} role={severity === 'error' ? 'alert' : 'status'} onClose={props.onClose} style={{ overflowWrap: 'anywhere', marginTop: 8 }}>
      {message}
    </Alert>
  );
}
