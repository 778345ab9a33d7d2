import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DialogContentText from '@material-ui/core/DialogContentText';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import DeleteIcon from '@material-ui/icons/Delete';
import type { NewModelReview, ReviewFinding, ReviewStatus } from '@modelport/plugin-models-common';
import { useState } from 'react';
import { ActionDialog } from '../RegistryContent/ActionDialog';
import { AuditedTextField, isRemark } from '../RegistryContent/ReasonField';
import { reviewStatusText } from './reviewText';

export const REVIEW_OUTCOME_ID = 'review-outcome';

type Draft = { title: string; severity: ReviewFinding['severity']; detail: string };

/**
 * Records a review: its outcome, the version reviewed, a summary and findings, and optionally an earlier next due
 * date. What each outcome needs (findings, or a summary of why) is said before the server would refuse it.
 */
export function RecordReviewDialog(props: {
  status: ReviewStatus;
  versions: string[];
  busy: boolean;
  onConfirm: (review: NewModelReview) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const [outcome, setOutcome] = useState<NewModelReview['outcome']>('approved');
  const [version, setVersion] = useState(props.versions[0] ?? '');
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState<Draft[]>([]);
  const [nextDue, setNextDue] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const complete = findings.every(f => f.title.trim());
  const needs =
    (outcome === 'approved-with-findings' && findings.length === 0 && 'An approval with findings needs at least one finding.') ||
    (outcome === 'rejected' && !summary.trim() && 'A rejection needs a summary of why.') ||
    (!complete && 'Every finding needs a title.') ||
    undefined;
  const update = (i: number, change: Partial<Draft>) => setFindings(findings.map((f, j) => (j === i ? { ...f, ...change } : f)));

  return (
    <ActionDialog
      id="review"
      title="Record a review"
      confirm="Record review"
      canConfirm={Boolean(version) && !needs && isRemark(summary)}
      busy={props.busy}
      refusal={refusal}
      outcomeId={REVIEW_OUTCOME_ID}
      onClose={props.onClose}
      onConfirm={async () => {
        const refused = await props.onConfirm({
          outcome,
          version,
          ...(summary.trim() ? { summary: summary.trim() } : {}),
          findings: findings.map(f => ({ title: f.title.trim(), severity: f.severity, ...(f.detail.trim() ? { detail: f.detail.trim() } : {}) })),
          ...(nextDue ? { nextDueAt: new Date(`${nextDue}T00:00:00Z`).toISOString() } : {}),
        });
        if (refused) setRefusal(refused);
        else props.onClose();
      }}
    >
      <DialogContentText>{reviewStatusText(props.status)} The review is recorded in the audit trail under your name.</DialogContentText>
      <TextField
        id="review-outcome-field"
        select
        fullWidth
        margin="normal"
        label="Outcome"
        value={outcome}
        onChange={e => setOutcome(e.target.value as NewModelReview['outcome'])}
        // The WAI-ARIA dialog pattern puts the focus on a dialog's first field; the rule is about pages.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      >
        <MenuItem value="approved">Approved</MenuItem>
        <MenuItem value="approved-with-findings">Approved with findings</MenuItem>
        <MenuItem value="rejected">Rejected</MenuItem>
      </TextField>
      <TextField id="review-version" select fullWidth margin="normal" label="Version reviewed" value={version} onChange={e => setVersion(e.target.value)}>
        {props.versions.map(v => (
          <MenuItem key={v} value={v}>
            {v}
          </MenuItem>
        ))}
      </TextField>
      <AuditedTextField id="review-summary" label={outcome === 'rejected' ? 'Why it is rejected' : 'Summary'} value={summary} onChange={setSummary} />
      {findings.map((f, i) => (
        <Box key={i} display="flex" flexWrap="wrap" alignItems="flex-start" style={{ gap: 8 }} role="group" aria-label={`Finding ${i + 1}`}>
          <TextField id={`finding-${i}-title`} label="Finding" value={f.title} onChange={e => update(i, { title: e.target.value })} inputProps={{ maxLength: 200 }} style={{ flex: '1 1 200px' }} required />
          <TextField id={`finding-${i}-severity`} select label="Severity" value={f.severity} onChange={e => update(i, { severity: e.target.value as Draft['severity'] })} style={{ width: 120 }}>
            <MenuItem value="low">Low</MenuItem>
            <MenuItem value="medium">Medium</MenuItem>
            <MenuItem value="high">High</MenuItem>
          </TextField>
          <IconButton aria-label={`Remove finding ${i + 1}`} onClick={() => setFindings(findings.filter((_, j) => j !== i))}>
            <DeleteIcon />
          </IconButton>
          <TextField id={`finding-${i}-detail`} label="Detail" value={f.detail} onChange={e => update(i, { detail: e.target.value })} inputProps={{ maxLength: 1000 }} fullWidth multiline />
        </Box>
      ))}
      <Button size="small" onClick={() => setFindings([...findings, { title: '', severity: 'medium', detail: '' }])} disabled={findings.length >= 50}>
        Add a finding
      </Button>
      <TextField
        id="review-next-due"
        type="date"
        fullWidth
        margin="normal"
        label="Next review due (optional, no later than the cycle)"
        InputLabelProps={{ shrink: true }}
        value={nextDue}
        onChange={e => setNextDue(e.target.value)}
      />
      {needs && <DialogContentText role="status">{needs}</DialogContentText>}
    </ActionDialog>
  );
}
