import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { driftTests, type ModelObservability } from '@modelport/plugin-models-common';
import { DateTime } from 'luxon';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { number } from './format';
import { ObservabilityNotice } from './ObservabilityNotice';
import { StateChip } from './StateChip';

function DriftHistory(props: { history: ModelObservability[]; features: string[] }) {
  const [feature, setFeature] = useState(props.features[0]);
  const points = props.history.flatMap(h => {
    const f = h.drift.features.find(x => x.name === feature);
    return f?.score === undefined ? [] : [{ time: Date.parse(h.evaluatedAt), score: f.score, threshold: f.threshold, test: f.test }];
  });
  if (!props.features.length) return null;
  const last = points.at(-1);
  const first = points[0];
  const pValue = last?.test !== undefined && driftTests[last.test].score === 'p-value';
  // The axis always holds the threshold, so that noise far below it never looks like drift.
  const top = Math.max(...points.map(p => p.score), last?.threshold ?? 0);
  const domain: [number, number] = pValue ? [0, 1] : [0, top > 0 ? Number((top * 1.2).toPrecision(2)) : 1];
  const span = first && last ? last.time - first.time : 0;
  const tick = (t: number) => DateTime.fromMillis(t).toLocaleString(span > 2 * 86_400_000 ? { month: 'short', day: 'numeric' } : { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  return (
    <Box mt={2} role="figure" aria-label="Drift over time">
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2">
          {first && last
            ? `Drift score, ${points.length} evaluation${points.length === 1 ? '' : 's'} from ${DateTime.fromMillis(first.time).toLocaleString(DateTime.DATETIME_MED)} to ${DateTime.fromMillis(last.time).toLocaleString(DateTime.DATETIME_MED)}:`
            : 'Drift score over the last 7 days:'}
        </Typography>
        <Typography variant="subtitle2" id="drift-feature-label">
          Feature
        </Typography>
        <Select labelId="drift-feature-label" name="feature" value={feature} onChange={e => setFeature(String(e.target.value))}>
          {props.features.map(f => (
            <MenuItem key={f} value={f}>
              {f}
            </MenuItem>
          ))}
        </Select>
        {last?.test && <Typography variant="caption">{driftTests[last.test].title} ({driftTests[last.test].score})</Typography>}
      </Box>
      {points.length ? (
        <LineChart width={640} height={200} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="time" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tick} tickCount={5} minTickGap={24} />
          <YAxis domain={domain} allowDataOverflow={false} tickFormatter={v => number(Number(v))} width={64} />
          <Tooltip labelFormatter={t => DateTime.fromMillis(Number(t)).toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)} formatter={v => number(Number(v))} />
          <Line type="monotone" dataKey="score" name="score" stroke="#1f77b4" dot={false} isAnimationActive={false} />
          {last?.threshold !== undefined && <ReferenceLine y={last.threshold} stroke="#d62728" strokeDasharray="4 4" label={`threshold ${number(last.threshold)}`} />}
        </LineChart>
      ) : (
        <Typography variant="body2">No evaluations of {feature} yet.</Typography>
      )}
    </Box>
  );
}

/** Per-feature drift test, score, threshold and state, the reference used, and drift over time. */
export function DriftCard() {
  const api = useApi(modelRegistryApiRef);
  const { entity } = useEntity();
  const model = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    async () => Promise.all([api.getObservability(model), api.getObservabilityHistory(model)]),
    [api, model.namespace, model.name],
  );
  const drift = value?.[0].latest?.drift;
  return (
    <InfoCard title="Drift">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <ObservabilityNotice status={value[0]} />}
      {drift && drift.state === 'not-configured' && <Typography>This model monitors no features (spec.monitoring).</Typography>}
      {drift && drift.state !== 'not-configured' && (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 8 }} my={1}>
            <StateChip state={drift.state} />
            <Typography variant="body2">
              {'window' in drift.reference
                ? `The last ${drift.window} against the reference: the ${drift.reference.window} ending ${drift.reference.offset} earlier.`
                : `The last ${drift.window} against the baseline profile of ${drift.reference.version ? `version ${drift.reference.version}` : 'the version'}, current in ${drift.reference.environment}.`}
            </Typography>
          </Box>
          <Table size="small" aria-label="Drift per feature">
            <TableHead>
              <TableRow>
                <TableCell>Feature</TableCell>
                <TableCell>Test</TableCell>
                <TableCell align="right">Score</TableCell>
                <TableCell align="right">Threshold</TableCell>
                <TableCell>State</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {drift.features.map(f => (
                <TableRow key={f.name}>
                  <TableCell>
                    {f.name}
                    {f.role === 'prediction' && ' (prediction)'}
                  </TableCell>
                  <TableCell>{f.test ? driftTests[f.test].title : '—'}</TableCell>
                  <TableCell align="right">{number(f.score)}</TableCell>
                  <TableCell align="right">
                    {f.threshold === undefined ? '—' : `${f.test && driftTests[f.test].score === 'p-value' ? 'p < ' : '≥ '}${number(f.threshold)}`}
                  </TableCell>
                  <TableCell>
                    <StateChip state={f.state} />
                    {(f.message || f.score === undefined) && (
                      <Typography variant="caption" display="block">
                        {f.message ?? 'Not scored in this evaluation; the registry gave no reason.'}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <DriftHistory history={value![1]} features={drift.features.map(f => f.name)} />
        </>
      )}
    </InfoCard>
  );
}
