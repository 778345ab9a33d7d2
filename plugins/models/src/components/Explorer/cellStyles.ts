import { makeStyles } from '@material-ui/core/styles';

/**
 * The table cells' layout as one static style sheet. Not Material-UI's Box: each Box instance attaches a style sheet
 * of its own, which across a page of rows was most of the table's render time in Chromium.
 */
export const useCellStyles = makeStyles({
  plainList: { listStyle: 'none', margin: 0, padding: 0 },
  bulletList: { margin: 0, paddingLeft: 16 },
  version: { display: 'flex', alignItems: 'center', flexWrap: 'nowrap', gap: 4, marginBottom: 4 },
  stamp: { display: 'block', whiteSpace: 'nowrap' },
  staleIcon: { verticalAlign: 'middle', marginRight: 2 },
});
