import type { ExplorerRow } from '@modelport/plugin-models-common';
import { FigureStamp } from './FigureStamp';

/** How current each of the row's figures is: SLO, drift and serving are each measured on their own schedule. */
export function FreshnessCell(props: { row: ExplorerRow }) {
  const { row } = props;
  return (
    <>
      <FigureStamp label="SLO" figure={row.slo.figure} />
      <FigureStamp label="Drift" figure={row.drift.figure} />
      <FigureStamp label="Serving" figure={row.serving.figure} />
    </>
  );
}
