import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { ErrorText } from '../Tone';

/** What needs a person, most severe first, each in the server's words. */
export function AttentionCell(props: { attention: ExplorerRow['attention'] }) {
  const { attention } = props;
  if (!attention.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        nothing
      </Typography>
    );
  }
  return (
    <Box component="ul" m={0} pl={2} aria-label="Needs attention">
      {attention.map(a => (
        <li key={`${a.kind}:${a.message}`}>
          <ErrorText variant="body2" component="span">
            {a.message}
          </ErrorText>
        </li>
      ))}
    </Box>
  );
}
