import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/** The server's own words for a refusal (`ResponseError` keeps its JSON body), else the client's error. */
function messageOf(error: Error): string {
  return (error as { body?: { error?: { message?: string } } }).body?.error?.message ?? error.message;
}

/** The explorer could not be read: why, in the server's words, the details to copy, and a way to ask again. */
export function ExplorerError(props: { error: Error; onRetry: () => void }) {
  const { error, onRetry } = props;
  return (
    <Box my={2}>
      <ResponseErrorPanel error={error} title={`The models could not be read: ${messageOf(error)}`} />
      <Button variant="outlined" onClick={onRetry} style={{ marginTop: 8 }}>
        Retry
      </Button>
    </Box>
  );
}
