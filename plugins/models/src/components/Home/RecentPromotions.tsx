import { Link, Progress } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { EnvironmentChange } from '@modelport/plugin-models-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { agoZoned } from '../Observability/format';
import { displayRef } from '../RegistryContent/displayRef';
import { useRegistryLink } from './registryLink';
import { ErrorText } from '../Tone';

/** What happened, in words: "promoted by luis.ortega, replacing 1.0.0" or "rolled back by jane.doe from 1.1.0: why". */
export function changeText(change: EnvironmentChange): string {
  const replacing = change.previousVersion
    ? `, replacing ${change.previousVersion}`
    : ', the first version there';
  if (change.cause === 'promotion')
    return `Promoted by ${displayRef(change.by)}${replacing}`;
  const from = change.previousVersion ? ` from ${change.previousVersion}` : '';
  return `Rolled back by ${displayRef(change.by)}${from}${
    change.reason ? `: “${change.reason}”` : ''
  }`;
}

/** The home page's "Recent promotions": the latest versions made current anywhere the person can see, newest first. */
export function RecentPromotions() {
  const api = useApi(modelRegistryApiRef);
  const registryLink = useRegistryLink();
  const { value, loading, error } = useAsync(
    () => api.listEnvironmentChanges({ limit: 8 }),
    [api],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <ErrorText role="alert">
        The recent promotions could not be read: {error.message}
      </ErrorText>
    );
  }
  if (!value?.length)
    return (
      <Typography variant="body2">No version has been promoted yet.</Typography>
    );
  return (
    <List dense aria-label="Recent promotions">
      {value.map(change => (
        <ListItem
          key={`${change.modelRef} ${change.environment} ${change.since}`}
          disableGutters
        >
          <ListItemText
            // Backstage's theme cuts dense list text to one line; what is said here must be read in full.
            style={{ whiteSpace: 'normal' }}
            primary={
              <Link to={registryLink(change.modelRef)}>
                {change.modelTitle ?? parseEntityRef(change.modelRef).name}{' '}
                {change.version} in {change.environment}
              </Link>
            }
            secondary={`${changeText(change)} · ${agoZoned(change.since)}`}
            secondaryTypographyProps={{ style: { overflowWrap: 'anywhere' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}
