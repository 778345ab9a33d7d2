import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { servingVerdictText, type ClusterServingStatus, type EnvironmentServing, type ServedObject, type ServingStatus } from '@modelport/plugin-models-common';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { when } from '../Observability/format';
import { StateChip } from '../Observability/StateChip';
import { failureText, unavailableText } from './verdictText';
import { ErrorText } from '../Tone';

function Readiness(props: { object: ServedObject }) {
  const { object } = props;
  const state = { True: 'ready', False: 'not-ready', Unknown: 'unknown' }[object.ready];
  return (
    <>
      <StateChip state={state} />
      {object.failing && (
        <ErrorText variant="caption" display="block">
          {object.failing.condition}
          {object.failing.reason && `: ${object.failing.reason}`}
          {object.failing.message && ` — ${object.failing.message}`}
        </ErrorText>
      )}
    </>
  );
}

/** Who gets the traffic: each revision or candidate with its percent, the latest one marked. */
function Traffic(props: { object: ServedObject }) {
  const { object } = props;
  if (object.kind === 'SeldonExperiment') {
    return <>{object.traffic.map(t => `${t.revision} ${t.percent}%`).join(', ')}</>;
  }
  if (!object.traffic.length) return <>{object.revisions?.latestCreated ? `no traffic yet (latest ${object.revisions.latestCreated})` : '—'}</>;
  return (
    <>
      {object.traffic.map(t => (
        <Typography key={`${t.revision}-${t.percent}`} variant="body2" display="block">
          {t.percent}% → {t.revision ?? 'unnamed revision'}
          {t.latest ? ' (latest)' : ''}
        </Typography>
      ))}
      {object.canaryPercent !== undefined && <Typography variant="caption">canary {object.canaryPercent}%</Typography>}
    </>
  );
}

function Replicas(props: { object: ServedObject }) {
  const r = props.object.replicas;
  if (!r) return <>—</>;
  const parts = [
    r.ready !== undefined || r.available !== undefined ? `${r.available ?? r.ready} available` : undefined,
    r.desired !== undefined ? `${r.desired} desired` : undefined,
    r.min !== undefined || r.max !== undefined ? `scales ${r.min ?? 0}–${r.max ?? '∞'}` : undefined,
  ].filter(Boolean);
  return <>{parts.join(', ') || '—'}</>;
}

function ModelState(props: { object: ServedObject }) {
  const m = props.object.model;
  if (!m) return <>—</>;
  return (
    <>
      {m.activeState ?? '—'}
      {m.targetState && m.targetState !== m.activeState && ` → ${m.targetState}`}
      {m.transition && <Typography variant="caption" display="block">{m.transition}</Typography>}
      {m.lastFailure && (
        <ErrorText variant="caption" display="block">
          Last failure{m.lastFailure.time ? ` at ${when(m.lastFailure.time)}` : ''}: {m.lastFailure.reason}
          {m.lastFailure.message && ` — ${m.lastFailure.message}`}
        </ErrorText>
      )}
    </>
  );
}

function ClusterObjects(props: { cluster: ClusterServingStatus }) {
  const { cluster } = props;
  return (
    <Box mt={1} role="group" aria-label={`Cluster ${cluster.cluster}`}>
      <Typography variant="subtitle2">
        Cluster {cluster.cluster}:{' '}
        <ErrorText component="span" variant="body2" error={cluster.stale}>
          {cluster.readAt ? `${cluster.stale ? 'stale, ' : ''}read ${when(cluster.readAt)}` : 'never read'}
          {cluster.failure && ` — the last attempt failed: ${failureText(cluster.failure, cluster.cluster)}`}
        </ErrorText>
      </Typography>
      {[...new Set(Object.entries(cluster.unavailable).map(([name, failure]) => unavailableText(cluster.cluster, name, failure)))].map(text => (
        <Typography key={text} variant="caption" display="block">
          {text}
        </Typography>
      ))}
      {cluster.objects.length > 0 ? (
        <Table size="small" aria-label={`Serving objects on ${cluster.cluster}`}>
          <TableHead>
            <TableRow>
              {['Object', 'Readiness', 'Traffic', 'Replicas', 'Model state'].map(title => (
                <TableCell key={title} style={{ whiteSpace: 'nowrap' }}>
                  {title}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {cluster.objects.map(o => (
              <TableRow key={`${o.kind}/${o.namespace}/${o.name}`}>
                <TableCell>
                  <Typography variant="body2">
                    {o.kind} {o.namespace}/{o.name}
                  </Typography>
                  {o.artifact && <Typography variant="caption" display="block">{o.artifact}</Typography>}
                  {o.url && (
                    <Typography variant="caption" display="block">
                      <Link to={o.url}>{o.url}</Link>
                    </Typography>
                  )}
                  {cluster.sharedWith[`${o.kind}/${o.namespace}/${o.name}`] && (
                    <ErrorText variant="caption" display="block">
                      Also selected by {cluster.sharedWith[`${o.kind}/${o.namespace}/${o.name}`].join(', ')}
                    </ErrorText>
                  )}
                </TableCell>
                <TableCell>
                  <Readiness object={o} />
                </TableCell>
                <TableCell>
                  <Traffic object={o} />
                </TableCell>
                <TableCell>
                  <Replicas object={o} />
                </TableCell>
                <TableCell>
                  <ModelState object={o} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        !cluster.failure && <Typography variant="body2">Nothing of this model runs here.</Typography>
      )}
      {cluster.unreadable.map(u => (
        <ErrorText key={`${u.kind}/${u.namespace}/${u.name}`} variant="caption" display="block">
          {u.kind} {u.namespace}/{u.name} could not be read, and is not counted: {u.problem}
        </ErrorText>
      ))}
    </Box>
  );
}

function Environment(props: { environment: EnvironmentServing; clusters: ClusterServingStatus[] }) {
  const { environment } = props;
  const clusters = props.clusters.filter(c => c.environment === environment.environment);
  return (
    <Box mb={3} role="group" aria-label={`Environment ${environment.environment}`}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="h6">{environment.environment}</Typography>
        <StateChip state={environment.verdict.state} />
        <Typography variant="body2" color="textSecondary">
          approved: {environment.approved ?? 'none'}
        </Typography>
      </Box>
      <Typography variant="body2">{servingVerdictText(environment.verdict, environment.approved)}</Typography>
      {environment.clusters.length > 1 &&
        environment.clusters.map(c => (
          <Typography key={c.cluster} variant="caption" display="block">
            {c.cluster}: {servingVerdictText(c.verdict, environment.approved)}
          </Typography>
        ))}
      {clusters.map(c => (
        <ClusterObjects key={c.cluster} cluster={c} />
      ))}
    </Box>
  );
}

/** Says what the figures below are: not configured, not read yet, not matchable, or each cluster's read time. */
export function ServingNotice(props: { status: ServingStatus }) {
  const { status } = props;
  const minutes = Math.max(1, Math.round(status.intervalSeconds / 60));
  if (status.state === 'not-configured') {
    return (
      <Typography role="status" color="textSecondary">
        No serving clusters are configured for Modelport: name the Kubernetes plugin's clusters and the environment each
        serves under <code>models.serving.clusters</code> in app-config.
      </Typography>
    );
  }
  if (status.state === 'pending') {
    return (
      <Typography role="status" color="textSecondary">
        Not read yet: the serving clusters are read every {minutes} minute{minutes === 1 ? '' : 's'}.
      </Typography>
    );
  }
  if (status.state === 'unmatched') {
    return (
      <ErrorText role="status">
        Its workloads cannot be found: {status.problem}.
      </ErrorText>
    );
  }
  const stale = status.clusters.filter(c => c.stale).map(c => c.cluster);
  return (
    <ErrorText role="status" variant="body2" error={stale.length > 0}>
      {stale.length
        ? `Stale: ${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} not current (a failed read, or one older than two intervals of ${minutes} minute${minutes === 1 ? '' : 's'}); the others are.`
        : `Read from ${status.clusters.length} cluster${status.clusters.length === 1 ? '' : 's'} every ${minutes} minute${minutes === 1 ? '' : 's'}; all current.`}
    </ErrorText>
  );
}

/**
 * What the Model in context runs in each serving cluster (KServe, Seldon Core 2, Deployments), against what the
 * registry approved in each environment: readiness and the failing condition, traffic split, replicas, model state.
 */
export function ServingCard() {
  const api = useApi(modelRegistryApiRef);
  const { entity } = useEntity();
  const model = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(() => api.getServing(model), [api, model.namespace, model.name]);
  return (
    <InfoCard title="Serving">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <ServingNotice status={value} />
          {value.environments.map(e => (
            <Environment key={e.environment} environment={e} clusters={value.clusters} />
          ))}
        </>
      )}
    </InfoCard>
  );
}
