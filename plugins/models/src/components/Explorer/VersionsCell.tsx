import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { servingVerdictText, type ExplorerRow } from '@modelport/plugin-models-common';
import { when } from '../Observability/format';
import { StateChip } from '../Observability/StateChip';
import { useCellStyles } from './cellStyles';

/**
 * The version current in each environment, in promotion order, and next to it what the clusters run there against
 * it (the serving verdict, explained in its tooltip); an environment no cluster watches shows no verdict.
 */
export function VersionsCell(props: { environments: ExplorerRow['environments'] }) {
  const { environments } = props;
  const classes = useCellStyles();
  if (!environments.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        no environments
      </Typography>
    );
  }
  return (
    <ul className={classes.plainList} aria-label="Versions per environment">
      {environments.map(e => (
        <li key={e.environment} className={classes.version}>
          <Chip
            size="small"
            variant="outlined"
            label={`${e.environment}: ${e.version ?? 'none'}`}
            title={e.since ? `current since ${when(e.since)}` : undefined}
          />
          {e.verdict && e.verdict.state !== 'not-watched' && (
            <span title={servingVerdictText(e.verdict, e.version)}>
              <StateChip state={e.verdict.state} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
