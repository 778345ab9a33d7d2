import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { ModelReview } from '@modelport/plugin-models-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { StateChip } from '../Observability/StateChip';
import { Outcome, type OutcomeMessage } from '../RegistryContent/Outcome';
import { refusalOf } from '../RegistryContent/useRegistry';
import { RecordReviewDialog, REVIEW_OUTCOME_ID } from './RecordReviewDialog';
import { reviewLine, reviewStatusText } from './reviewText';

function Findings({ review }: { review: ModelReview }) {
  if (!review.findings.length) return null;
  return (
    <List dense aria-label="Findings of the last review">
      {review.findings.map((f, i) => (
        <ListItem key={i} disableGutters>
          <ListItemText
            // Backstage's theme cuts dense list text to one line; what is said here must be read in full.
            style={{ whiteSpace: 'normal' }}
            primary={`${f.title} (${f.severity})`}
            secondary={f.detail}
            secondaryTypographyProps={{ style: { overflowWrap: 'anywhere' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * The model's periodic review: where it stands under its risk level's policy, the last review with its findings,
 * the ones before, and recording a new one for those allowed (or why not).
 */
export function ReviewCard() {
  const api = useApi(modelRegistryApiRef);
  const { entity } = useEntity();
  const model = getCompoundEntityRef(entity);
  const [recording, setRecording] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<OutcomeMessage>();
  const data = useAsyncRetry(async () => {
    const [reviews, versions] = await Promise.all([api.listReviews(model), api.listVersions(model)]);
    return { reviews, versions: versions.map(v => v.version) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, model.namespace, model.name]);

  if (data.loading && !data.value) return <Progress />;
  if (data.error) return <ResponseErrorPanel error={data.error} />;
  const { reviews, versions } = data.value!;
  const { status, items, viewer } = reviews;
  const [last, ...earlier] = items;
  const recordable = Boolean(viewer?.canRecord) && versions.length > 0;
  let why = viewer?.reason;
  if (!viewer) why = 'Sign in to record a review.';
  else if (!versions.length) why = 'No version is registered yet to review.';

  return (
    <InfoCard title="Periodic review">
      <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }} role="group" aria-label="Review status">
        <StateChip state={status.state} />
        <Typography variant="body2">{reviewStatusText(status)}</Typography>
      </Box>
      {last && (
        <Box mt={2}>
          <Typography variant="subtitle2">Last review</Typography>
          <Typography variant="body2">{reviewLine(last)}</Typography>
          {last.summary && (
            <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
              “{last.summary}”
            </Typography>
          )}
          <Findings review={last} />
        </Box>
      )}
      {earlier.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">Before</Typography>
          <List dense aria-label="Earlier reviews">
            {earlier.slice(0, 5).map(r => (
              <ListItem key={r.id} disableGutters>
                <ListItemText style={{ whiteSpace: 'normal' }} primary={reviewLine(r)} secondary={r.summary} />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      <Outcome id={REVIEW_OUTCOME_ID} outcome={outcome} onClose={() => setOutcome(undefined)} />
      <Box mt={2} display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
        <Button variant="outlined" size="small" disabled={!recordable || busy} onClick={() => setRecording(true)} aria-describedby={recordable ? undefined : 'review-why-not'}>
          Record a review…
        </Button>
        {!recordable && why && (
          <Typography id="review-why-not" variant="caption" color="textSecondary" style={{ overflowWrap: 'anywhere' }}>
            {why}
          </Typography>
        )}
      </Box>
      {recording && (
        <RecordReviewDialog
          status={status}
          versions={versions}
          busy={busy}
          onClose={() => setRecording(false)}
          onConfirm={async review => {
            setBusy(true);
            setOutcome(undefined);
            try {
              const recorded = await api.recordReview(model, review);
              setOutcome({ severity: 'success', message: `Recorded your review of ${recorded.version}: ${review.outcome.replace(/-/g, ' ')}.` });
              return undefined;
            } catch (error) {
              return refusalOf(error);
            } finally {
              setBusy(false);
              data.retry();
            }
          }}
        />
      )}
    </InfoCard>
  );
}
