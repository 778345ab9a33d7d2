import { parseEntityRef } from '@backstage/catalog-model';
import { Content, Header, Page, Progress, ResponseErrorPanel, Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { FleetServingCell } from '../Serving/FleetServingCell';
import { percent, when } from './format';
import { byBudget, rowOf, type Row } from './fleetRow';
import { StateChip } from './StateChip';

const columns: TableColumn<Row>[] = [
  { title: 'Model', field: 'modelRef', highlight: true, render: r => <EntityRefLink entityRef={r.modelRef} title={r.title} /> },
  { title: 'Owner', field: 'owner', render: r => <EntityRefLink entityRef={r.owner} defaultKind="group" /> },
  {
    title: 'SLO',
    field: 'status.latest.slo.state',
    render: r => {
      if (!r.status.latest) return <StateChip state={r.status.state} />;
      const silentSince = r.status.latest.slo.objectives.map(o => o.lastEventAt).filter((t): t is string => !!t).sort()[0];
      const failed = r.status.latest.slo.objectives.filter(o => o.state === 'error').map(o => o.name);
      return (
        <>
          <StateChip state={r.status.latest.slo.state} />
          {silentSince && <Typography variant="caption" display="block">no traffic since {when(silentSince)}</Typography>}
          {failed.length > 0 && <Typography variant="caption" display="block">not evaluated: {failed.join(', ')}</Typography>}
        </>
      );
    },
  },
  { title: 'Lowest error budget left', field: 'budget', type: 'numeric', defaultSort: 'asc', customSort: byBudget, render: r => percent(r.budget) },
  { title: 'Burning', field: 'firing', sorting: false, render: r => (r.firing.length ? r.firing.join(', ') : 'no alert') },
  {
    title: 'Drift',
    field: 'status.latest.drift.state',
    render: r =>
      r.status.latest ? (
        <>
          <StateChip state={r.status.latest.drift.state} /> {r.drifted.join(', ')}
        </>
      ) : (
        '—'
      ),
  },
  { title: 'Serving', field: 'serving.state', sorting: false, render: r => <FleetServingCell serving={r.serving} /> },
  {
    title: 'Evaluated',
    field: 'status.latest.evaluatedAt',
    render: r => (
      <Typography variant="body2" color={r.status.stale ? 'error' : 'textPrimary'}>
        {when(r.status.latest?.evaluatedAt)}
        {r.status.stale && ' (stale)'}
        {r.status.state === 'unavailable' && ` — Prometheus failed at ${when(r.status.lastAttempt?.at)}`}
      </Typography>
    ),
  },
];

/** Every model's SLO budget, burn state, drift and serving verdicts, lowest budget first, filterable by owner: the leads' view. */
export function FleetPage() {
  const api = useApi(modelRegistryApiRef);
  const { value, loading, error } = useAsync(() => api.listFleet(), [api]);
  const [owner, setOwner] = useState('all');
  const rows = useMemo(() => (value ?? []).map(rowOf).sort(byBudget), [value]);
  const owners = [...new Set(rows.map(r => r.owner))].sort();
  const shown = owner === 'all' ? rows : rows.filter(r => r.owner === owner);
  return (
    <Page themeId="tool">
      <Header title="Model fleet" subtitle="SLO error budgets, burn-rate alerts, drift and what runs where, of every model" />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <Box mb={2} display="flex" alignItems="center" style={{ gap: 8 }}>
              <Typography>Owner</Typography>
              <Select value={owner} onChange={e => setOwner(String(e.target.value))} inputProps={{ 'aria-label': 'Owner' }}>
                <MenuItem value="all">All owners</MenuItem>
                {owners.map(o => (
                  <MenuItem key={o} value={o}>
                    {parseEntityRef(o, { defaultKind: 'group' }).name}
                  </MenuItem>
                ))}
              </Select>
            </Box>
            <Table<Row> title={`${shown.length} models`} options={{ paging: false, search: true }} columns={columns} data={shown} />
          </>
        )}
      </Content>
    </Page>
  );
}
