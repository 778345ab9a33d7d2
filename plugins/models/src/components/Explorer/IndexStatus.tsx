import Typography from '@material-ui/core/Typography';
import { ago, when } from '../Observability/format';

/**
 * How current the explorer's index is: every row is as of this moment, whatever the time of its own figures; before
 * its first run the page says that the index is being built rather than that there are no models.
 */
export function IndexStatus(props: { indexedAt: string | undefined }) {
  const { indexedAt } = props;
  return (
    <Typography variant="body2" color="textSecondary" role="status">
      {indexedAt ? (
        <>
          Index as of <span title={when(indexedAt)}>{ago(indexedAt)}</span>
        </>
      ) : (
        'The index is being built: models appear as soon as its first run finishes.'
      )}
    </Typography>
  );
}
