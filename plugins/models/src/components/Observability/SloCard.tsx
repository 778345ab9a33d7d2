import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { isModelEntity, type LatencySeries, type ModelEntityV1alpha1, type SloSnapshot } from '@modelport/plugin-models-common';
import useAsync from 'react-use/esm/useAsync';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { number, percent, when } from './format';
import { BURN_RATE_LEGEND, sloSentence } from './sloText';
import { ObservabilityNotice } from './ObservabilityNotice';
import { StateChip } from './StateChip';
import { ErrorText } from '../Tone';

function Objective(props: { slo: SloSnapshot }) {
  const { slo } = props;
  const remaining = slo.budgetRemaining;
  return (
    <Box mb={3} aria-label={`Objective ${slo.name}`} role="group">
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="h6">{slo.name}</Typography>
        <StateChip state={slo.state} />
      </Box>
      {slo.state === 'error' && (
        <ErrorText variant="body2" role="alert">
          Not evaluated: {slo.error?.message} The rest of the fleet was evaluated as usual.
        </ErrorText>
      )}
      {slo.state === 'no-traffic' && (
        <Typography variant="body2" role="status">
          No traffic since {slo.lastEventAt ? when(slo.lastEventAt) : 'more than an hour ago'}: the budget below is from the requests before, and the
          alerts over windows without requests cannot fire.
        </Typography>
      )}
      {slo.state === 'no-data' && (
        <Typography variant="body2">
          Target {percent(slo.objective, 2)} over {slo.window}. No data: {slo.reason}.
        </Typography>
      )}
      {slo.state !== 'no-data' && slo.state !== 'error' && (
        <>
          <Typography variant="body2">{sloSentence(slo)}</Typography>
          <LinearProgress
            variant="determinate"
            aria-label={`Error budget of ${slo.name} remaining`}
            value={Math.min(Math.max((remaining ?? 0) * 100, 0), 100)}
            color={(remaining ?? 0) > 0.25 ? 'primary' : 'secondary'}
          />
        </>
      )}
      {slo.burnRates.length > 0 && (
      <Table size="small" aria-label={`Burn rates of ${slo.name}`}>
        <TableHead>
          <TableRow>
            <TableCell>Alert</TableCell>
            <TableCell>Windows</TableCell>
            <TableCell align="right">Fires above</TableCell>
            <TableCell align="right">Long window</TableCell>
            <TableCell align="right">Short window</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {slo.burnRates.map(b => (
            <TableRow key={`${b.long}/${b.short}`}>
              <TableCell>{b.severity === 'critical' ? 'page' : 'ticket'}</TableCell>
              <TableCell>
                {b.long} / {b.short}
              </TableCell>
              <TableCell align="right">{Number(b.factor.toFixed(2))}x</TableCell>
              <TableCell align="right">{b.longBurnRate === undefined ? '—' : `${number(b.longBurnRate)}x`}</TableCell>
              <TableCell align="right">{b.shortBurnRate === undefined ? '—' : `${number(b.shortBurnRate)}x`}</TableCell>
              <TableCell>{b.firing ? <StateChip state={b.severity} /> : 'quiet'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      )}
      {slo.burnRates.length > 0 && (
        <Typography variant="caption" color="textSecondary" display="block">
          {BURN_RATE_LEGEND}
        </Typography>
      )}
    </Box>
  );
}

function LatencyChart(props: { latency: LatencySeries; thresholdMs?: number }) {
  const { latency } = props;
  if (latency.state === 'not-configured') return null;
  if (latency.state === 'unavailable') {
    return <Typography variant="body2">Latency chart unavailable: {latency.error.message}</Typography>;
  }
  const byTime = new Map<number, { time: number; p50?: number; p99?: number }>();
  for (const s of latency.series) {
    for (const p of s.points) {
      const row = byTime.get(p.time) ?? { time: p.time };
      row[s.quantile === 0.5 ? 'p50' : 'p99'] = p.value;
      byTime.set(p.time, row);
    }
  }
  const data = [...byTime.values()].sort((a, b) => a.time - b.time);
  if (!data.length) return <Typography variant="body2">No latency observations in the last 24 hours.</Typography>;
  const hhmm = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <Box aria-label="Latency, last 24 hours" role="figure">
      <Typography variant="subtitle2">Latency, last 24 hours (as of {when(latency.queriedAt)})</Typography>
      <LineChart width={640} height={220} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="time" type="number" domain={['dataMin', 'dataMax']} tickFormatter={hhmm} />
        <YAxis unit=" ms" />
        <Tooltip labelFormatter={t => new Date(Number(t)).toLocaleString()} formatter={v => `${Number(v).toFixed(1)} ms`} />
        <Legend />
        <Line type="monotone" dataKey="p50" name="p50" stroke="#1f77b4" dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey="p99" name="p99" stroke="#d62728" dot={false} isAnimationActive={false} />
        {props.thresholdMs !== undefined && <ReferenceLine y={props.thresholdMs} stroke="#555" strokeDasharray="4 4" label="objective threshold" />}
      </LineChart>
    </Box>
  );
}

/** Error budget, burn rates and alert state of each objective, and the latency chart, of the Model in context. */
export function SloCard() {
  const api = useApi(modelRegistryApiRef);
  const { entity } = useEntity();
  const model = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    async () => Promise.all([api.getObservability(model), api.getLatency(model, { hours: 24 })]),
    [api, model.namespace, model.name],
  );
  const slos = isModelEntity(entity) ? (entity as ModelEntityV1alpha1).spec.slos ?? [] : [];
  return (
    <InfoCard title="SLO status: error budget and burn rates">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <ObservabilityNotice status={value[0]} />
          {!slos.length && <Typography>This model declares no SLOs (spec.slos).</Typography>}
          {value[0].latest?.slo.objectives.map(slo => <Objective key={slo.name} slo={slo} />)}
          <LatencyChart latency={value[1]} thresholdMs={slos.find(s => s.thresholdMs !== undefined)?.thresholdMs} />
        </>
      )}
    </InfoCard>
  );
}
