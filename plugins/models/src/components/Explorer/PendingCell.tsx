import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { useRegistryLink } from '../Home/registryLink';

/** Promotion requests waiting, linking to the model's Registry tab where they are decided, and for which environments. */
export function PendingCell(props: { row: ExplorerRow }) {
  const { row } = props;
  const registryLink = useRegistryLink();
  if (!row.pendingApprovals) {
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  }
  return (
    <>
      <Link to={registryLink(row.modelRef)}>{row.pendingApprovals} pending</Link>
      {row.pendingEnvironments.length > 0 && (
        <Typography variant="caption" display="block">
          to {row.pendingEnvironments.join(', ')}
        </Typography>
      )}
    </>
  );
}
