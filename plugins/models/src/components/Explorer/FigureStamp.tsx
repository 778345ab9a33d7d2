import ScheduleIcon from '@material-ui/icons/Schedule';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { ago, when } from '../Observability/format';
import { ErrorText } from '../Tone';
import { useCellStyles } from './cellStyles';

export type Figure = ExplorerRow['slo']['figure'];

/** What a stamp says after its label: the figure's age, or that it is stale and since when. */
export function stampText(figure: Figure): string {
  if (figure.stale) return figure.at ? `stale since ${ago(figure.at)}` : 'stale: never measured';
  return figure.at ? ago(figure.at) : 'not measured yet';
}

/**
 * How current one figure is: its age, with its clock time on hover; a stale figure says so in the error colour next
 * to a clock, so that an old figure never reads as a current one. The browser's own title rather than a Material-UI
 * Tooltip: a page of rows holds a hundred and more stamps, and each Tooltip cost its share of the first render.
 */
export function FigureStamp(props: { label: string; figure: Figure }) {
  const { label, figure } = props;
  const classes = useCellStyles();
  return (
    <ErrorText
      variant="caption"
      component="span"
      error={figure.stale}
      className={classes.stamp}
      title={`${label} measured ${figure.at ? when(figure.at) : 'never'}`}
    >
      {figure.stale && <ScheduleIcon fontSize="inherit" aria-hidden className={classes.staleIcon} />}
      {label} {stampText(figure)}
    </ErrorText>
  );
}
