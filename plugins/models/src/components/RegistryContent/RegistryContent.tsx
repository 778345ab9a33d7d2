import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import type { PromotionRequest } from '@modelport/plugin-models-common';
import { useState } from 'react';
import { AuditTimeline } from './AuditTimeline';
import { type Decision, DecisionDialog } from './DecisionDialog';
import { EnvironmentStrip } from './EnvironmentStrip';
import { Outcome, OUTCOME_ID } from './Outcome';
import { OutsideRegistryCard, OutsideRegistryError } from './OutsideRegistryCard';
import { promotionOutcome, rollbackOutcome } from './outcomeText';
import { PendingRequests } from './PendingRequests';
import { PromoteDialog } from './PromoteDialog';
import { RollbackDialog } from './RollbackDialog';
import { refusalOf, useRegistry } from './useRegistry';
import { useOutsideRegistry } from './useOutsideRegistry';
import { VersionsTable } from './VersionsTable';
import { ViewerSummary } from './ViewerSummary';

/**
 * The Registry tab of a Model: environments and their policies, pending promotions, the outside registry it was
 * imported from, versions and the audit trail.
 */
export function RegistryContent() {
  const { api, entity, model, data, outcome, busy, run, dismissOutcome } = useRegistry();
  const [promoting, setPromoting] = useState<{ version: string; environment: string }>();
  const [deciding, setDeciding] = useState<{ request: PromotionRequest; decision: Decision }>();
  const [rollbackOf, setRollbackOf] = useState<string>();
  const outside = useOutsideRegistry(model, data.value);

  if (data.loading && !data.value) return <Progress />;
  if (data.error) return <ResponseErrorPanel error={data.error} />;
  const { state, versions, environments, history, audit } = data.value!;
  const viewer = state.viewer;
  const owner = String(entity.spec?.owner ?? '');
  const namespace = entity.metadata.namespace;
  const policyOf = (name: string) => environments.find(e => e.name === name);

  const rollbackCandidates = (environment: string) => {
    const current = state.environments.find(e => e.name === environment)?.current?.version;
    const earlier = history.filter(a => a.environment === environment && a.version !== current).map(a => a.version);
    return [...new Set(earlier.reverse())];
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ViewerSummary viewer={viewer} policies={environments} owner={owner} namespace={namespace} />
        <Outcome id={OUTCOME_ID} outcome={outcome} onClose={dismissOutcome} />
      </Grid>
      <Grid item xs={12}>
        <EnvironmentStrip
          environments={state.environments}
          policies={environments}
          owner={owner}
          namespace={namespace}
          viewer={viewer}
          rollbackCandidates={rollbackCandidates}
          onRollback={setRollbackOf}
        />
      </Grid>
      <Grid item xs={12}>
        <PendingRequests
          requests={state.pendingRequests}
          environments={environments}
          owner={owner}
          namespace={namespace}
          viewer={viewer}
          busy={busy}
          onAct={(request, decision) => setDeciding({ request, decision })}
        />
      </Grid>
      {/* Nothing at all for a model that was not imported from an outside registry. */}
      {(outside.error || outside.value) && (
        <Grid item xs={12}>
          {outside.error ? <OutsideRegistryError message={refusalOf(outside.error)} /> : <OutsideRegistryCard {...outside.value!} />}
        </Grid>
      )}
      <Grid item xs={12} style={{ overflowX: 'auto' }}>
        <VersionsTable
          versions={versions}
          environments={state.environments}
          pending={state.pendingRequests}
          canRequestPromotion={Boolean(viewer?.canRequestPromotion)}
          viewerRef={viewer?.ref}
          busy={busy}
          onRequestPromotion={(version, environment) => setPromoting({ version, environment })}
        />
      </Grid>
      <Grid item xs={12}>
        <AuditTimeline events={audit} viewerRef={viewer?.ref} modelRef={state.modelRef} />
      </Grid>
      {promoting && (
        <PromoteDialog
          {...promoting}
          policy={policyOf(promoting.environment)}
          owner={owner}
          namespace={namespace}
          busy={busy}
          check={() => api.checkPromotion(model, promoting)}
          onClose={() => setPromoting(undefined)}
          onConfirm={(comment, overrideReason) =>
            run(
              () =>
                api.requestPromotion(model, {
                  ...promoting,
                  ...(comment ? { comment } : {}),
                  ...(overrideReason ? { gateOverride: { reason: overrideReason } } : {}),
                }),
              result => promotionOutcome(result, 'request'),
            )
          }
        />
      )}
      {deciding && (
        <DecisionDialog
          {...deciding}
          policy={policyOf(deciding.request.toEnvironment)}
          viewerRef={viewer?.ref}
          busy={busy}
          onClose={() => setDeciding(undefined)}
          onConfirm={comment => {
            const { request, decision } = deciding;
            if (decision === 'cancel') {
              return run(
                () => api.cancelPromotion(request.id),
                () => ({ severity: 'success', message: `Cancelled your request of ${request.version} → ${request.toEnvironment}.` }),
              );
            }
            return run(
              () => api.decide(request.id, decision, comment || undefined),
              result => promotionOutcome(result, decision),
            );
          }}
        />
      )}
      {rollbackOf && (
        <RollbackDialog
          environment={rollbackOf}
          current={state.environments.find(e => e.name === rollbackOf)?.current?.version}
          candidates={rollbackCandidates(rollbackOf)}
          busy={busy}
          onClose={() => setRollbackOf(undefined)}
          onConfirm={(version, reason) => run(() => api.rollback(model, rollbackOf, { version, reason }), rollbackOutcome)}
        />
      )}
    </Grid>
  );
}
