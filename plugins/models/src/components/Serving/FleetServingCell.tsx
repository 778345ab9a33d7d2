import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { servingVerdictText, type FleetServing } from '@modelport/plugin-models-common';
import { ago, when } from '../Observability/format';
import { StateChip } from '../Observability/StateChip';
import { ErrorText } from '../Tone';

const states: Record<FleetServing['state'], string> = { 'not-configured': 'not-configured', pending: 'pending', unmatched: 'unmatched', ok: 'ok' };

/** The fleet page's serving column: per watched environment its verdict, with the sentence that explains it. */
export function FleetServingCell(props: { serving: FleetServing }) {
  const { serving } = props;
  if (serving.state !== 'ok') {
    return (
      <>
        <StateChip state={states[serving.state]} />
        {serving.problem && <Typography variant="caption" display="block">{serving.problem}</Typography>}
      </>
    );
  }
  const watched = serving.environments.filter(e => e.verdict.state !== 'not-watched');
  return (
    <Box role="group" aria-label="Serving">
      {watched.map(e => (
        <Box key={e.environment} mb={0.5} role="group" aria-label={`Serving in ${e.environment}`}>
          {/* Wraps between name and chip, never inside a name: a narrow column broke 'prod' letter by letter. */}
          <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 4 }}>
            <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
              {e.environment}
            </Typography>
            <StateChip state={e.verdict.state} />
          </Box>
          <Typography variant="caption" display="block">
            {servingVerdictText(e.verdict, e.approved)}
          </Typography>
        </Box>
      ))}
      {!watched.length && <Typography variant="body2">no cluster watched</Typography>}
      <ErrorText variant="caption" error={serving.stale}>
        {serving.stale ? 'stale, ' : ''}read <span title={when(serving.readAt)}>{ago(serving.readAt)}</span>
      </ErrorText>
    </Box>
  );
}
