import Tooltip from '@material-ui/core/Tooltip';
import ScheduleIcon from '@material-ui/icons/Schedule';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { ago, when } from '../Observability/format';
import { ErrorText } from '../Tone';

export type Figure = ExplorerRow['slo']['figure'];

/** What a stamp says after its label: the figure's age, or that it is stale and since when. */
export function stampText(figure: Figure): string {
  if (figure.stale) return figure.at ? `stale since ${ago(figure.at)}` : 'stale: never measured';
  return figure.at ? ago(figure.at) : 'not measured yet';
}

/**
 * How current one figure is: its age, with its clock time in a tooltip; a stale figure says so in the error colour
 * next to a clock, so that an old figure never reads as a current one.
 */
export function FigureStamp(props: { label: string; figure: Figure }) {
  const { label, figure } = props;
  return (
    <Tooltip title={`${label} measured ${figure.at ? when(figure.at) : 'never'}`}>
      {/* The tooltip needs an element that holds a ref, which ErrorText does not. */}
      <span style={{ display: 'block' }}>
        <ErrorText variant="caption" component="span" display="block" error={figure.stale} style={{ whiteSpace: 'nowrap' }}>
          {figure.stale && <ScheduleIcon fontSize="inherit" aria-hidden style={{ verticalAlign: 'middle', marginRight: 2 }} />}
          {label} {stampText(figure)}
        </ErrorText>
      </span>
    </Tooltip>
  );
}
