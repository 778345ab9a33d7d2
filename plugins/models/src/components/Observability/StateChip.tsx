import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { toneColors } from '../Tone';

const useStyles = makeStyles({
  ok: { backgroundColor: toneColors.ok, color: '#fff' },
  warning: { backgroundColor: toneColors.warning, color: '#fff' },
  critical: { backgroundColor: toneColors.critical, color: '#fff' },
  neutral: {},
});

const kindOf: Record<string, 'ok' | 'warning' | 'critical' | 'neutral'> = {
  ok: 'ok',
  warning: 'warning',
  critical: 'critical',
  drifted: 'critical',
  error: 'warning',
  // Serving: readiness, and approved against running.
  ready: 'ok',
  'not-ready': 'critical',
  'in-line': 'ok',
  'rolling-out': 'warning',
  'not-deployed': 'warning',
  'cluster-unreachable': 'warning',
  unidentified: 'warning',
  unmatched: 'warning',
  mismatch: 'critical',
  'unregistered-artifact': 'critical',
  // Periodic review.
  current: 'ok',
  upcoming: 'warning',
  overdue: 'critical',
  rejected: 'critical',
  'never-reviewed': 'warning',
};

/** Hyphenated states read as words ("rolling out", "not deployed"). */
const labelOf = (state: string) => state.replace(/-/g, ' ');

/** A state (ok, warning, critical, drifted, no data, ...) as a coloured chip with its name, never colour alone. */
export function StateChip(props: { state: string }) {
  const classes = useStyles();
  return <Chip size="small" label={labelOf(props.state)} className={classes[kindOf[props.state] ?? 'neutral']} />;
}
