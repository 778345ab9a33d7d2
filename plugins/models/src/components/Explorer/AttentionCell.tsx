import Typography from '@material-ui/core/Typography';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { ErrorText } from '../Tone';
import { useCellStyles } from './cellStyles';

/** What needs a person, most severe first, each in the server's words. */
export function AttentionCell(props: { attention: ExplorerRow['attention'] }) {
  const { attention } = props;
  const classes = useCellStyles();
  if (!attention.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        nothing
      </Typography>
    );
  }
  return (
    <ul className={classes.bulletList} aria-label="Needs attention">
      {attention.map(a => (
        <li key={`${a.kind}:${a.message}`}>
          <ErrorText variant="body2" component="span">
            {a.message}
          </ErrorText>
        </li>
      ))}
    </ul>
  );
}
