import { EmptyState, InfoCard } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  DataClassification,
  ModelCard,
  ModelCardMetric,
  ModelEntityV1alpha1,
  ModelRiskLevel,
} from '@modelport/plugin-models-common';
import { errorTextColor, toneColors } from '../Tone';

const useStyles = makeStyles(theme => ({
  section: { marginBottom: theme.spacing(2), whiteSpace: 'pre-line' },
  chips: { display: 'flex', gap: theme.spacing(1), marginBottom: theme.spacing(2), flexWrap: 'wrap' },
  low: { backgroundColor: toneColors.ok, color: '#fff' },
  medium: { backgroundColor: theme.palette.warning.light, color: theme.palette.getContrastText(theme.palette.warning.light) },
  high: { backgroundColor: toneColors.warning, color: '#fff' },
  critical: { backgroundColor: toneColors.critical, color: '#fff' },
  pass: { color: theme.palette.type === 'dark' ? theme.palette.success.light : toneColors.ok, fontWeight: theme.typography.fontWeightMedium as number },
  fail: { color: errorTextColor(theme), fontWeight: theme.typography.fontWeightMedium as number },
}));

const classificationLabels: Record<DataClassification, string> = {
  public: 'Public data',
  internal: 'Internal data',
  confidential: 'Confidential data',
  restricted: 'Restricted data',
};

function Section(props: { title: string; text?: string }) {
  const classes = useStyles();
  if (!props.text) return null;
  return (
    <div className={classes.section}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      <Typography variant="body2">{props.text}</Typography>
    </div>
  );
}

function ThresholdStatus({ metric }: { metric: ModelCardMetric }) {
  const classes = useStyles();
  if (metric.threshold === undefined) return <>—</>;
  return metric.value >= metric.threshold ? (
    <span className={classes.pass}>Meets threshold</span>
  ) : (
    <span className={classes.fail}>Below threshold</span>
  );
}

function EvaluationTable({ evaluation }: { evaluation: NonNullable<ModelCard['evaluation']> }) {
  if (!evaluation.metrics?.length) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Evaluation
        {evaluation.dataset && (
          <>
            {' on '}
            <EntityRefLink entityRef={evaluation.dataset} defaultKind="resource" />
          </>
        )}
      </Typography>
      <Table size="small" aria-label="Evaluation metrics">
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell align="right">Value</TableCell>
            <TableCell align="right">Threshold</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {evaluation.metrics.map(metric => (
            <TableRow key={metric.name}>
              <TableCell title={metric.description}>{metric.name}</TableCell>
              <TableCell align="right">{metric.value}</TableCell>
              <TableCell align="right">{metric.threshold ?? '—'}</TableCell>
              <TableCell>
                <ThresholdStatus metric={metric} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

function RiskChip({ level }: { level: ModelRiskLevel }) {
  const classes = useStyles();
  return <Chip size="small" label={`${level[0].toUpperCase()}${level.slice(1)} risk`} className={classes[level]} />;
}

/** The model card of a Model entity: intended use, limitations, ethics, risk, data classification, evaluation. */
export function ModelCardCard() {
  const classes = useStyles();
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const card = entity.spec.modelCard;
  if (!card || Object.keys(card).length === 0) {
    return (
      <InfoCard title="Model card">
        <EmptyState
          missing="info"
          title="No model card yet"
          description="Add spec.modelCard to this model's catalog-info.yaml: intended use, limitations, ethical considerations, risk level, data classification and evaluation metrics."
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Model card">
      <Box className={classes.chips}>
        {card.riskLevel && <RiskChip level={card.riskLevel} />}
        {card.dataClassification && (
          <Chip size="small" variant="outlined" label={classificationLabels[card.dataClassification]} />
        )}
      </Box>
      <Section title="Intended use" text={card.intendedUse} />
      <Section title="Limitations" text={card.limitations} />
      <Section title="Ethical considerations" text={card.ethicalConsiderations} />
      {card.evaluation && <EvaluationTable evaluation={card.evaluation} />}
    </InfoCard>
  );
}
