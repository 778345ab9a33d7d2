import type { ExplorerRow } from '@modelport/plugin-models-common';
import { StateChip } from '../Observability/StateChip';
import { FigureStamp } from './FigureStamp';

/** The SLO state, marked stale when its figures are. */
export function SloCell(props: { slo: ExplorerRow['slo'] }) {
  const { slo } = props;
  return (
    <>
      <StateChip state={slo.state} />
      {slo.figure.stale && <FigureStamp label="SLO" figure={slo.figure} />}
    </>
  );
}
