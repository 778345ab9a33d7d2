import Typography from '@material-ui/core/Typography';
import type { ObservabilityStatus } from '@modelport/plugin-models-common';
import { when } from './format';
import { ErrorText } from '../Tone';

/**
 * Says exactly what the figures below are: not configured, not evaluated yet, from a failed Prometheus (and from
 * when the figures are), stale, or current as of a time.
 */
export function ObservabilityNotice(props: { status: ObservabilityStatus }) {
  const { status } = props;
  const minutes = Math.round((status.intervalSeconds ?? 300) / 60);
  if (status.state === 'not-configured') {
    return (
      <Typography role="status" color="textSecondary">
        Prometheus is not configured for Modelport: add an instance under <code>models.prometheus.instances</code> in
        app-config.
      </Typography>
    );
  }
  if (status.state === 'pending') {
    return (
      <Typography role="status" color="textSecondary">
        Not evaluated yet: the fleet is evaluated every {minutes} minutes.
      </Typography>
    );
  }
  const failure = status.lastAttempt && !status.lastAttempt.ok ? status.lastAttempt : undefined;
  return (
    <ErrorText role="status" error={status.stale} variant="body2">
      {failure && (
        <>
          Prometheus {failure.error?.kind === 'network' ? 'is unreachable' : `failed (${failure.error?.kind})`} since {when(failure.at)}:{' '}
          {failure.error?.message}.{' '}
        </>
      )}
      {status.latest ? (
        <>
          {status.stale ? 'Stale: figures' : 'Figures'} as of {when(status.latest.evaluatedAt)} from Prometheus '{status.latest.prometheus}'
          {status.stale && !failure && `, older than two evaluation intervals (${minutes} minutes each)`}.
        </>
      ) : (
        'No figures yet.'
      )}
    </ErrorText>
  );
}
