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
  return (
    <Box mt={2} role="figure" aria-label="Drift over time">
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2">Drift over the last 7 days:</Typography>
        <Select value={feature} onChange={e => setFeature(String(e.target.value))} inputProps={{ 'aria-label': 'Feature' }}>
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
          <XAxis dataKey="time" type="number" domain={['dataMin', 'dataMax']} tickFormatter={t => new Date(t).toLocaleDateString()} />
          <YAxis />
          <Tooltip labelFormatter={t => new Date(Number(t)).toLocaleString()} />
          <Line type="monotone" dataKey="score" name="score" stroke="#1f77b4" dot={false} isAnimationActive={false} />
          {last?.threshold !== undefined && <ReferenceLine y={last.threshold} stroke="#d62728" strokeDasharray="4 4" label="threshold" />}
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
                    {f.threshold === undefined ? '—' : `${f.test && driftTests[f.test].score === 'p-value' ? 'p < ' : '≥ '}${f.threshold}`}
                  </TableCell>
                  <TableCell>
                    <StateChip state={f.state} />
                    {f.message && (
                      <Typography variant="caption" display="block">
                        {f.message}
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
