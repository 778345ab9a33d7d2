import DialogContentText from '@material-ui/core/DialogContentText';
import type { PromotionRequest, RegistryEnvironmentPolicy } from '@modelport/plugin-models-common';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import { personRef } from './displayRef';
import { AuditedTextField, isRemark } from './ReasonField';

export type Decision = 'approve' | 'reject' | 'cancel';

/** Confirms an approval, a rejection or the cancellation of one's own request, with a comment for the first two. */
export function DecisionDialog(props: {
  decision: Decision;
  request: PromotionRequest;
  policy?: RegistryEnvironmentPolicy;
  viewerRef?: string;
  busy: boolean;
  onConfirm: (comment: string) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const { decision, request: r } = props;
  const [comment, setComment] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const given = r.decisions.filter(d => d.decision === 'approve').length;
  const needed = props.policy?.approvals ?? 1;
  const requester = personRef(r.requestedBy, props.viewerRef);
  const what = `${r.version} to ${r.toEnvironment}`;
  const text = {
    approve:
      given + 1 >= needed
        ? `Yours is approval ${given + 1} of ${needed}: ${r.version} becomes current in ${r.toEnvironment} at once if its quality gates pass.`
        : `Yours is approval ${given + 1} of ${needed}; the request then waits for ${needed - given - 1} more.`,
    reject: `The request of ${requester} closes as rejected; a new request is needed to promote ${r.version} again.`,
    cancel: `Your request closes as cancelled and nobody can approve it any more.`,
  }[decision];
  const title = { approve: `Approve ${what}`, reject: `Reject ${what}`, cancel: `Cancel your request of ${what}` }[decision];
  const confirm = { approve: 'Approve', reject: 'Reject', cancel: 'Cancel request' }[decision];
  return (
    <ActionDialog
      id="decision"
      title={title}
      confirm={confirm}
      destructive={decision !== 'approve'}
      canConfirm={isRemark(comment)}
      busy={props.busy}
      refusal={refusal}
      onClose={props.onClose}
      onConfirm={async () => {
        const refused = await props.onConfirm(comment.trim());
        if (refused) setRefusal(refused);
        else props.onClose();
      }}
    >
      <DialogContentText>{text}</DialogContentText>
      {decision !== 'cancel' && (
        <AuditedTextField id="decision-comment" label={decision === 'reject' ? 'Why reject (for the requester)' : 'Comment'} value={comment} onChange={setComment} focusFirst />
      )}
    </ActionDialog>
  );
}
