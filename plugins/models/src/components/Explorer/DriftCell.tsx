import Typography from '@material-ui/core/Typography';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { StateChip } from '../Observability/StateChip';
import { FigureStamp } from './FigureStamp';

/** The drift state and how many monitored features drifted, marked stale when its figures are. */
export function DriftCell(props: { drift: ExplorerRow['drift'] }) {
  const { drift } = props;
  return (
    <>
      <StateChip state={drift.state} />
      {drift.driftedFeatures > 0 && (
        <Typography variant="caption" display="block">
          {drift.driftedFeatures === 1 ? '1 feature drifted' : `${drift.driftedFeatures} features drifted`}
        </Typography>
      )}
      {drift.figure.stale && <FigureStamp label="Drift" figure={drift.figure} />}
    </>
  );
}
