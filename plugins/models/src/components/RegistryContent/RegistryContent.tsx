import { Progress, ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { AuditTimeline } from './AuditTimeline';
import { EnvironmentStrip } from './EnvironmentStrip';
import { GateOverrideDialog, OVERRIDABLE } from './GateOverrideDialog';
import { PendingRequests } from './PendingRequests';
import { RollbackDialog } from './RollbackDialog';
import { useRegistry } from './useRegistry';
import { VersionsTable } from './VersionsTable';

/** The Registry tab of a Model: environments, pending promotions, versions and the audit trail. */
export function RegistryContent() {
  const { api, model, data, refused, busy, run, dismissRefusal } = useRegistry();
  const [rollbackOf, setRollbackOf] = useState<string>();
  const [lastPromotion, setLastPromotion] = useState<{ version: string; environment: string }>();
  const [overriding, setOverriding] = useState(false);

  if (data.loading && !data.value) return <Progress />;
  if (data.error) return <ResponseErrorPanel error={data.error} />;
  const { state, versions, environments, history, audit } = data.value!;
  const viewer = state.viewer;

  const rollbackCandidates = (environment: string) => {
    const current = state.environments.find(e => e.name === environment)?.current?.version;
    const earlier = history.filter(a => a.environment === environment && a.version !== current).map(a => a.version);
    return [...new Set(earlier.reverse())];
  };

  return (
    <Grid container spacing={3}>
      {refused && (
        <Grid item xs={12}>
          <WarningPanel severity="error" title="The registry refused this action" message={refused}>
            <Typography variant="body2" component="button" onClick={dismissRefusal} style={{ cursor: 'pointer', background: 'none', border: 0, padding: 0, textDecoration: 'underline' }}>
              Dismiss
            </Typography>
          </WarningPanel>
          {refused.includes(OVERRIDABLE) && lastPromotion && (
            <Button variant="outlined" size="small" onClick={() => setOverriding(true)} style={{ marginTop: 8 }}>
              Override with a reason…
            </Button>
          )}
        </Grid>
      )}
      <Grid item xs={12}>
        <EnvironmentStrip environments={state.environments} canRollback={Boolean(viewer?.canRollback)} onRollback={setRollbackOf} />
      </Grid>
      <Grid item xs={12}>
        <PendingRequests
          requests={state.pendingRequests}
          environments={environments}
          viewer={viewer}
          busy={busy}
          onDecide={(id, decision) => run(() => api.decide(id, decision))}
          onCancel={id => run(() => api.cancelPromotion(id))}
        />
      </Grid>
      <Grid item xs={12}>
        <VersionsTable
          versions={versions}
          environments={state.environments}
          canRequestPromotion={Boolean(viewer?.canRequestPromotion)}
          busy={busy}
          onRequestPromotion={(version, environment) => {
            setLastPromotion({ version, environment });
            run(() => api.requestPromotion(model, { version, environment }));
          }}
        />
      </Grid>
      <Grid item xs={12}>
        <AuditTimeline events={audit} />
      </Grid>
      {overriding && lastPromotion && (
        <GateOverrideDialog
          {...lastPromotion}
          busy={busy}
          onCancel={() => setOverriding(false)}
          onConfirm={async reason => {
            if (await run(() => api.requestPromotion(model, { ...lastPromotion, gateOverride: { reason } }))) setOverriding(false);
          }}
        />
      )}
      {rollbackOf && (
        <RollbackDialog
          environment={rollbackOf}
          candidates={rollbackCandidates(rollbackOf)}
          busy={busy}
          onCancel={() => setRollbackOf(undefined)}
          onConfirm={async (version, reason) => {
            if (await run(() => api.rollback(model, rollbackOf, { version, reason }))) setRollbackOf(undefined);
          }}
        />
      )}
    </Grid>
  );
}
