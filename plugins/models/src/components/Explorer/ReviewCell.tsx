import Typography from '@material-ui/core/Typography';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { ago, when } from '../Observability/format';
import { StateChip } from '../Observability/StateChip';

/** The periodic review's state and when the next one is due, in words with the date in its tooltip. */
export function ReviewCell(props: { review: ExplorerRow['review'] }) {
  const { review } = props;
  return (
    <>
      <StateChip state={review.state} />
      {review.dueAt && (
        <Typography variant="caption" display="block" title={when(review.dueAt)}>
          due {ago(review.dueAt)}
        </Typography>
      )}
    </>
  );
}
