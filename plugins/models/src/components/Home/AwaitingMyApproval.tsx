import { Link, Progress } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { PendingPromotion } from '@modelport/plugin-models-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { ago } from '../Observability/format';
import { displayRef, eitherOf, listed } from '../RegistryContent/displayRef';
import { useRegistryLink } from './registryLink';
import { ErrorText } from '../Tone';

const titleOf = (p: PendingPromotion) =>
  p.modelTitle ?? parseEntityRef(p.request.modelRef).name;

function approvalsText(p: PendingPromotion): string {
  const given = p.request.decisions.filter(d => d.decision === 'approve');
  const by = given.length
    ? ` (${listed(given.map(d => displayRef(d.actor)))})`
    : '';
  return `approvals ${given.length} of ${p.approvalsRequired}${by}`;
}

function Requests({
  items,
  label,
  describe,
}: {
  items: PendingPromotion[];
  label: string;
  describe: (p: PendingPromotion) => string;
}) {
  const registryLink = useRegistryLink();
  return (
    <List dense aria-label={label}>
      {items.map(p => (
        <ListItem key={p.request.id} disableGutters>
          <ListItemText
            // Backstage's theme cuts dense list text to one line; what is said here must be read in full.
            style={{ whiteSpace: 'normal' }}
            primary={
              <Link to={registryLink(p.request.modelRef)}>
                {titleOf(p)} {p.request.version} → {p.request.toEnvironment}
              </Link>
            }
            secondary={describe(p)}
            secondaryTypographyProps={{ style: { overflowWrap: 'anywhere' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * The home page's "Awaiting my approval": the pending promotions the signed-in person may decide on now, and their
 * own requests still waiting for others, each linked to the Registry tab where it is decided; from the server's
 * own answer of who may decide, so it never offers what the registry would refuse.
 */
export function AwaitingMyApproval() {
  const api = useApi(modelRegistryApiRef);
  const { value, loading, error } = useAsync(
    () => api.listPendingPromotions(),
    [api],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <ErrorText role="alert">
        The pending promotions could not be read: {error.message}
      </ErrorText>
    );
  }
  const mine = (value ?? []).filter(p => p.viewerDecision?.allowed);
  const asked = (value ?? []).filter(p => p.viewerMayCancel);
  return (
    <>
      {mine.length ? (
        <>
          <Typography variant="body2" color="textSecondary">
            {mine.length === 1
              ? '1 promotion waits for your decision.'
              : `${mine.length} promotions wait for your decision.`}
          </Typography>
          <Requests
            items={mine}
            label="Awaiting my decision"
            describe={p =>
              `Requested by ${displayRef(p.request.requestedBy)} ${ago(
                p.request.requestedAt,
              )}; ${approvalsText(p)}${
                p.request.comment ? `: “${p.request.comment}”` : ''
              }`
            }
          />
        </>
      ) : (
        <Typography variant="body2">
          Nothing waits for your decision.
        </Typography>
      )}
      {asked.length > 0 && (
        <>
          <Typography
            variant="subtitle2"
            component="h3"
            style={{ marginTop: 8 }}
          >
            Your requests
          </Typography>
          <Requests
            items={asked}
            label="My pending requests"
            describe={p =>
              `Requested ${ago(p.request.requestedAt)}; ${approvalsText(
                p,
              )}, decided by ${eitherOf(p.approvers.map(displayRef))}`
            }
          />
        </>
      )}
    </>
  );
}
