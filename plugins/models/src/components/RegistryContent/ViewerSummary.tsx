import Alert from '@material-ui/lab/Alert';
import {
  modelPromotionApprovePermission,
  modelPromotionRequestPermission,
  modelRollbackPermission,
  type RegistryEnvironmentPolicy,
  type RegistryViewer,
} from '@modelport/plugin-models-common';
import { listed } from './displayRef';
import { approversText } from './policyText';

/** What the signed-in person may do on this model's registry, and why not, in words. */
export function ViewerSummary(props: { viewer?: RegistryViewer; policies: RegistryEnvironmentPolicy[]; owner: string; namespace?: string }) {
  const { viewer } = props;
  // Information, not a warning: a note, which screen readers do not announce as urgent as they do an alert.
  if (!viewer) {
    return (
      <Alert severity="info" role="note">
        Sign in to request, approve or roll back promotions.
      </Alert>
    );
  }
  const gated = props.policies.filter(p => p.approvals > 0);
  const lines = [
    viewer.canRequestPromotion
      ? 'You can request promotions of this model.'
      : `You cannot request promotions of this model: your permissions do not grant ${modelPromotionRequestPermission.name} on it.`,
    viewer.approves.length
      ? `You approve promotions to ${listed(viewer.approves)}.`
      : `You approve no promotion of this model: ${gated
          .map(p => `${p.name} is decided by ${approversText(p, props.owner, props.namespace)}`)
          .join('; ')}${gated.length ? '' : 'none needs approval'}, and approving needs ${modelPromotionApprovePermission.name}.`,
    viewer.canRollback
      ? 'You can roll an environment back to a version it ran before.'
      : `You cannot roll back: your permissions do not grant ${modelRollbackPermission.name} on this model.`,
  ];
  return (
    <Alert severity="info" role="note" aria-label="What you can do">
      {lines.join(' ')}
    </Alert>
  );
}
