import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { AliasWrite, ModelRegistryLink, RegistryConnectorStatus, RegistryModelLink } from '@modelport/plugin-models-common';
import type { ReactNode } from 'react';
import { ago, zoned } from '../Observability/format';
import { ErrorText } from '../Tone';
import { aliasWriteState, aliasWriteTarget, day, findingHeadline, flavourLabel, syncFreshness, webUrl } from './outsideRegistryText';

const OUTSIDE_REGISTRY_TITLE = 'Outside registry';
const HEADING_ID = 'outside-registry-heading';

/** The card around whatever is said of the outside registry: a landmark named by its heading, for readers who jump. */
function Section(props: { children: ReactNode }) {
  return (
    <section aria-labelledby={HEADING_ID}>
      <InfoCard title={OUTSIDE_REGISTRY_TITLE} titleTypographyProps={{ component: 'h2', id: HEADING_ID }}>
        {props.children}
      </InfoCard>
    </section>
  );
}

function Header(props: { link: RegistryModelLink; connector?: RegistryConnectorStatus }) {
  const { link, connector } = props;
  const flavour = flavourLabel(link.flavour);
  const url = webUrl(link.url);
  const freshness = syncFreshness(link, connector);
  const aliases = Object.entries(link.aliases);
  return (
    <>
      <Typography variant="body1">
        {flavour} model <strong>{link.externalName}</strong> in {link.connector}
        {url && (
          <>
            {' · '}
            <Link to={url} externalLinkIcon underline="always">
              Open in {flavour}
            </Link>
          </>
        )}
      </Typography>
      {link.deletedAt && (
        <ErrorText variant="body2">
          Deleted in {link.connector} on <time dateTime={link.deletedAt}>{day(link.deletedAt)}</time>: its versions and history stay in Modelport, and
          nothing more is imported.
        </ErrorText>
      )}
      <ErrorText variant="body2" error={freshness.stale} title={zoned(link.lastSeenAt)}>
        {freshness.text}
      </ErrorText>
      {aliases.length > 0 && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Aliases in {link.connector}:{' '}
          </Typography>
          {aliases.map(([alias, version]) => (
            <Chip key={alias} size="small" variant="outlined" label={`${alias} → ${version}`} style={{ margin: 2 }} />
          ))}
        </Box>
      )}
    </>
  );
}

function Findings(props: { findings: ModelRegistryLink['findings'] }) {
  if (!props.findings.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No findings as of the last sync.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Registry findings" disablePadding>
      {props.findings.map(f => (
        // A warning of the page as it loads, not news: each is a list item, not an alert that interrupts.
        <Alert key={`${f.kind}|${f.alias ?? ''}|${f.externalVersion ?? ''}`} component="li" role="listitem" severity="warning" style={{ marginTop: 8, overflowWrap: 'anywhere' }}>
          <Typography variant="body2">
            <strong>{findingHeadline(f)}</strong>
          </Typography>
          <Typography variant="body2">{f.message}</Typography>
          <Typography variant="caption" display="block">
            Found {ago(f.foundAt)}
          </Typography>
        </Alert>
      ))}
    </List>
  );
}

function WriteBack(props: { writes: AliasWrite[]; connector?: RegistryConnectorStatus; connectorName: string }) {
  const { writes, connector, connectorName } = props;
  const on = `Promotions and rollbacks here move the matching aliases in ${connectorName}.`;
  const off = `Write-back is off for ${connectorName}: promotions here do not move its aliases.`;
  // Without the connector's status, whether it writes back is unknown, and left unsaid.
  const mode = connector && (connector.writeBack ? on : off);
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        Alias write-back
      </Typography>
      {mode && (
        <Typography variant="body2" color="textSecondary">
          {mode}
        </Typography>
      )}
      {writes.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No alias writes for this model.
        </Typography>
      ) : (
        <List dense aria-label="Alias write-back" disablePadding>
          {writes.map(w =>
            w.status === 'failed' ? (
              <Alert key={`${w.alias}|${w.requestedAt}`} component="li" role="listitem" severity="error" style={{ marginTop: 8, overflowWrap: 'anywhere' }}>
                <Typography variant="body2">
                  <strong>{aliasWriteTarget(w)}</strong>: {aliasWriteState(w)}
                </Typography>
              </Alert>
            ) : (
              <ListItem key={`${w.alias}|${w.requestedAt}`} disableGutters style={{ overflowWrap: 'anywhere' }}>
                <Typography variant="body2">
                  <strong>{aliasWriteTarget(w)}</strong>: {aliasWriteState(w)}
                </Typography>
              </ListItem>
            ),
          )}
        </List>
      )}
    </Box>
  );
}

/**
 * The outside registry (MLflow, Unity Catalog) this model was imported from: where it is there, how fresh the view
 * is, what the import found and did not apply, and how Modelport's alias writes went.
 */
export function OutsideRegistryCard(props: { linked: ModelRegistryLink & { link: RegistryModelLink }; connector?: RegistryConnectorStatus }) {
  const { linked, connector } = props;
  return (
    <Section>
      <Header link={linked.link} connector={connector} />
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Findings
        </Typography>
        <Findings findings={linked.findings} />
      </Box>
      <WriteBack writes={linked.aliasWrites} connector={connector} connectorName={linked.link.connector} />
    </Section>
  );
}

/** The link could not be read: said in one line, in its own card, so that the rest of the tab stands. */
export function OutsideRegistryError(props: { message: string }) {
  return (
    <Section>
      <ErrorText variant="body2" role="alert">
        Could not read this model's link to an outside registry: {props.message}
      </ErrorText>
    </Section>
  );
}
