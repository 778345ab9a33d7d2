import { EmptyState, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  type ModelEntityV1alpha1,
  type ModelSlo,
  sloIndicator,
} from '@modelport/plugin-models-common';

const useStyles = makeStyles(theme => ({
  heading: { marginTop: theme.spacing(2) },
}));

/** 0.999 -> "99.9%", without the float noise of 0.999 * 100. */
export function formatObjective(objective: number): string {
  return `${Number((objective * 100).toPrecision(6))}%`;
}

function describeSlo(slo: ModelSlo): string {
  const indicator = sloIndicator(slo);
  if (indicator === 'latency') return `Requests faster than ${slo.thresholdMs} ms`;
  if (indicator === 'availability') return 'Requests answered without a server error';
  return slo.description ?? 'Good events over total events (custom PromQL)';
}

/** What Modelport watches for a model: its monitored features and prediction, and its service level objectives. */
export function ModelMonitoringCard() {
  const classes = useStyles();
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const features = [
    ...(entity.spec.monitoring?.features ?? []).map(f => ({ ...f, role: 'Feature' })),
    ...(entity.spec.monitoring?.prediction ? [{ ...entity.spec.monitoring.prediction, role: 'Prediction' }] : []),
  ];
  const slos = entity.spec.slos ?? [];
  if (!features.length && !slos.length) {
    return (
      <InfoCard title="Monitoring">
        <EmptyState
          missing="info"
          title="Nothing monitored yet"
          description="Add spec.monitoring.features and spec.slos to this model's catalog-info.yaml to watch its drift and service level objectives."
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Monitoring">
      {slos.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3">
            Declared objectives
          </Typography>
          <Table size="small" aria-label="Declared objectives">
            <TableHead>
              <TableRow>
                <TableCell>Objective</TableCell>
                <TableCell>Good events</TableCell>
                <TableCell align="right">Target</TableCell>
                <TableCell align="right">Window</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {slos.map(slo => (
                <TableRow key={slo.name}>
                  <TableCell>{slo.name}</TableCell>
                  <TableCell>{describeSlo(slo)}</TableCell>
                  <TableCell align="right">{formatObjective(slo.objective)}</TableCell>
                  <TableCell align="right">{slo.window}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      {features.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3" className={classes.heading}>
            Monitored for drift
          </Typography>
          <Table size="small" aria-label="Monitored features">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Type</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {features.map(f => (
                <TableRow key={`${f.role}:${f.name}`}>
                  <TableCell>{f.name}</TableCell>
                  <TableCell>{f.role}</TableCell>
                  <TableCell>{f.type}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </InfoCard>
  );
}
