import Typography from '@material-ui/core/Typography';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { StateChip } from '../Observability/StateChip';
import { FigureStamp } from './FigureStamp';

/**
 * Serving at a glance: the most severe verdict among the environments (each one's is in the Versions column), or
 * why there is none (no cluster configured, not collected yet, workloads the annotations cannot name).
 */
export function ServingCell(props: { serving: ExplorerRow['serving'] }) {
  const { serving } = props;
  const state = serving.state === 'ok' ? serving.verdict ?? 'not-watched' : serving.state;
  return (
    <>
      <StateChip state={state} />
      {serving.problem && (
        <Typography variant="caption" display="block">
          {serving.problem}
        </Typography>
      )}
      {serving.figure.stale && <FigureStamp label="Serving" figure={serving.figure} />}
    </>
  );
}
