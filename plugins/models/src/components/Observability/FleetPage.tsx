import { parseEntityRef } from '@backstage/catalog-model';
import { Content, Header, Page, Progress, ResponseErrorPanel, Table, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EntityLink } from '../EntityLink';
import { FleetServingCell } from '../Serving/FleetServingCell';
import { ago, percent, when } from './format';
import { byBudget, ownerRefOf, type Row } from './fleetRow';
import { useFleet } from './useFleet';
import { StateChip } from './StateChip';
import { ErrorText } from '../Tone';

const byText = (key: 'name' | 'ownerName') => (a: Row, b: Row) => a[key].localeCompare(b[key]);
const REVIEW_ORDER = ['rejected', 'overdue', 'never-reviewed', 'upcoming', 'current', 'not-required'];
const reviewRank = (row: Row) => REVIEW_ORDER.indexOf(row.review.state);

/** The columns, each with the key its sort has in the URL (`?sort=model&dir=asc`). */
const columns: Array<TableColumn<Row> & { key: string }> = [
  { key: 'model', title: 'Model', field: 'name', highlight: true, customSort: byText('name'), render: r => <EntityLink entityRef={r.modelRef} title={r.name} /> },
  { key: 'owner', title: 'Owner', field: 'ownerName', customSort: byText('ownerName'), render: r => <EntityLink entityRef={r.owner} defaultKind="group" /> },
  {
    key: 'slo',
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
  { key: 'budget', title: 'Lowest error budget left', field: 'budget', type: 'numeric', customSort: byBudget, render: r => percent(r.budget) },
  { key: 'burning', title: 'Burning', field: 'firing', sorting: false, render: r => (r.firing.length ? r.firing.join(', ') : 'no alert') },
  {
    key: 'drift',
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
  { key: 'serving', title: 'Serving', field: 'serving.state', sorting: false, render: r => <FleetServingCell serving={r.serving} /> },
  {
    key: 'review',
    title: 'Review',
    field: 'review.dueAt',
    // Overdue and rejected first, then by due date; a model that needs no review last.
    customSort: (a, b) => reviewRank(a) - reviewRank(b) || (a.review.dueAt ?? '').localeCompare(b.review.dueAt ?? ''),
    render: r => (
      <>
        <StateChip state={r.review.state} />
        {r.review.dueAt && (
          <Typography variant="caption" display="block" title={when(r.review.dueAt)}>
            due {ago(r.review.dueAt)}
          </Typography>
        )}
      </>
    ),
  },
  {
    key: 'evaluated',
    title: 'Evaluated',
    field: 'status.latest.evaluatedAt',
    render: r => (
      <ErrorText variant="body2" error={r.status.stale} otherwise="textPrimary" title={when(r.status.latest?.evaluatedAt)}>
        {ago(r.status.latest?.evaluatedAt)}
        {r.status.stale && ' (stale)'}
        {r.status.state === 'unavailable' && ` — Prometheus failed at ${when(r.status.lastAttempt?.at)}`}
      </ErrorText>
    ),
  },
];

const MINE = 'mine';
const ALL = 'all';

/**
 * Every model's SLO budget, burn state, drift, serving verdicts and periodic review, lowest budget first: the leads'
 * view. It opens
 * on the person's own teams' models, with one choice to see every owner's; the owner and the sort are kept in the
 * URL (`?owner=all&sort=model&dir=asc`), so that a view can be shared.
 */
export function FleetPage() {
  const [params, setParams] = useSearchParams();
  const { value, loading, error } = useFleet();
  const owner = params.get('owner') ?? MINE;
  const sort = columns.find(c => c.key === params.get('sort')) ?? columns.find(c => c.key === 'budget')!;
  const dir: 'asc' | 'desc' = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const shownColumns = useMemo((): TableColumn<Row>[] => columns.map(({ key, ...c }) => ({ ...c, defaultSort: key === sort.key ? dir : undefined })), [sort.key, dir]);
  const update = (change: Record<string, string | undefined>) =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(change)) {
          if (v === undefined) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const rows = value?.rows ?? [];
  const owners = [...new Set(rows.map(r => r.owner))].sort((a, b) => parseEntityRef(a, { defaultKind: 'group' }).name.localeCompare(parseEntityRef(b, { defaultKind: 'group' }).name));
  const shown = rows.filter(r => {
    if (owner === ALL) return true;
    if (owner === MINE) return value?.mine.has(ownerRefOf(r.owner));
    return ownerRefOf(r.owner) === ownerRefOf(owner);
  });
  return (
    <Page themeId="tool">
      <Header title="Model fleet" subtitle="SLO error budgets, burn-rate alerts, drift and what runs where, of every model" />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <Box mb={2} display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
              <Typography id="fleet-owner-label">Owner</Typography>
              {/* Named by the label and its value, so that what a screen reader says contains what is shown. */}
              <Select labelId="fleet-owner-label" name="owner" value={owner} onChange={e => update({ owner: String(e.target.value) === MINE ? undefined : String(e.target.value) })}>
                <MenuItem value={MINE}>My teams</MenuItem>
                <MenuItem value={ALL}>All owners</MenuItem>
                {owners.map(o => (
                  <MenuItem key={o} value={o}>
                    {parseEntityRef(o, { defaultKind: 'group' }).name}
                  </MenuItem>
                ))}
              </Select>
              {owner === MINE && shown.length === 0 && (
                <Typography variant="body2" color="textSecondary">
                  None of your teams owns a model: choose All owners to see every one.
                </Typography>
              )}
            </Box>
            <Table<Row>
              title={`${shown.length} models`}
              // Columns do not drag: the drag handle inside each sortable header is a second control in one (WCAG 4.1.2).
              // Paged: a fleet of thousands drawn at once took minutes (10,000 models, docs/benchmarks.md).
              options={{ paging: true, pageSize: 50, pageSizeOptions: [25, 50, 100], emptyRowsWhenPaging: false, search: true, draggable: false }}
              columns={shownColumns}
              data={shown}
              onOrderChange={(index: number, direction: 'asc' | 'desc') => {
                const key = columns[index]?.key;
                update(key ? { sort: key, dir: direction } : { sort: undefined, dir: undefined });
              }}
            />
          </>
        )}
      </Content>
    </Page>
  );
}
