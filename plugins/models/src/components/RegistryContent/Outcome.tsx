import Alert from '@material-ui/lab/Alert';

export type OutcomeMessage = { severity: 'success' | 'warning' | 'error'; message: string };

/** The id of the Registry tab's message of what the last action did, where the focus goes after an action. */
export const OUTCOME_ID = 'registry-outcome';

/** What the last action did, in full: a success, or the server's reason when it refused. */
export function Outcome(props: { outcome?: OutcomeMessage; onClose?: () => void; id?: string }) {
  if (!props.outcome) return null;
  const { severity, message } = props.outcome;
  return (
    <Alert
      id={props.id}
      // Focusable by script only: after an action the focus comes here, to what happened (see ActionDialog).
      tabIndex={props.id ? -1 : undefined}
      severity={severity}
      role={severity === 'error' ? 'alert' : 'status'}
      onClose={props.onClose}
      style={{ overflowWrap: 'anywhere', marginTop: 8 }}
    >
      {message}
    </Alert>
  );
}
