import { Content, Header, Link, Page } from '@backstage/core-components';
import Paper from '@material-ui/core/Paper';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tab from '@material-ui/core/Tab';
import TablePagination from '@material-ui/core/TablePagination';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { memo, useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useLatest from 'react-use/esm/useLatest';
import { ExplorerEmpty } from './ExplorerEmpty';
import { ExplorerError } from './ExplorerError';
import { ExplorerFilters } from './ExplorerFilters';
import { ExplorerTable, type Sorting } from './ExplorerTable';
import { activeFilters, PAGE_SIZES, paramsOf, queryOf, withoutFilters, type Query } from './explorerQuery';
import { facetText } from './facetText';
import type { FirstPage } from './firstPage';
import { IndexStatus } from './IndexStatus';
import { SearchBox } from './SearchBox';
import { useExplorerFacets, useExplorerPage } from './useExplorer';
import { useFleetLink } from './useFleetLink';

const VIEWS = [
  { value: 'all', label: 'All models' },
  { value: 'mine', label: 'My team' },
] as const;

// Static classes rather than Material-UI Boxes, each of which attaches a style sheet of its own on every page load.
const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 8 },
  status: { display: 'flex', alignItems: 'center', gap: 16 },
  controls: { display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 16 },
});

/**
 * The views as tabs. Memoised, as Material-UI's Tabs measure their indicator (a forced layout of the whole page)
 * after every render, and the page renders again whenever an answer arrives.
 */
const ViewTabs = memo(function ViewTabsView(props: { view: string; onChange: (view: string) => void }) {
  return (
    <Tabs value={props.view} onChange={(_, next) => props.onChange(next)} aria-label="Models to show" indicatorColor="primary">
      {VIEWS.map(v => (
        <Tab key={v.value} value={v.value} label={v.label} id={`models-view-${v.value}`} aria-controls="models-view-panel" />
      ))}
    </Tabs>
  );
});

const Filters = memo(ExplorerFilters);

/**
 * The models explorer, the page people open first: every model the person may see with where each version runs,
 * promotions waiting, SLO, drift, serving and review, searched, filtered, sorted and paged by the server. The whole
 * view lives in the URL (the API's own query parameters), so that a view can be shared and the back button goes
 * back to the view before.
 */
export function ExplorerPage(props: { firstPage?: FirstPage }) {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryOf(params), [params]);
  const page = useExplorerPage(query, props.firstPage);
  const facets = useExplorerFacets();
  const fleetLink = useFleetLink();

  const classes = useStyles();

  // Callbacks that keep their identity while reading the latest query, so that the memoised parts stay as drawn.
  const latest = useLatest({ query, setParams });
  const setQuery = useCallback((next: Query) => latest.current.setParams(paramsOf(next)), [latest]);
  const clear = useCallback(() => setQuery(withoutFilters(latest.current.query)), [latest, setQuery]);
  const showView = useCallback(
    // Each view opens on its own default order, and on its first page.
    (next: string) => setQuery({ ...latest.current.query, mine: next === 'mine' || undefined, sort: undefined, order: undefined, offset: 0 }),
    [latest, setQuery],
  );
  const sort = useCallback((s: Required<Sorting>) => setQuery({ ...latest.current.query, ...s, offset: 0 }), [latest, setQuery]);
  const filters = activeFilters(query, facetText);
  // "My team" is sorted by the server (pending approvals, then what needs attention) until a header asks otherwise.
  const sorting = useMemo(() => ({ sort: query.sort ?? (query.mine ? undefined : 'name'), order: query.order ?? 'asc' } as const), [query]);
  const view = query.mine ? 'mine' : 'all';

  const result = page.value;
  const pastTheEnd = !!result && result.items.length === 0 && result.totalItems > 0;
  return (
    <Page themeId="tool">
      <Header title="Models" subtitle="Every model you may see: versions per environment, approvals waiting, SLOs, drift, serving and reviews" />
      <Content>
        {/* On paper: secondary text on the page's grey background falls short of WCAG's contrast. */}
        <Paper variant="outlined" style={{ padding: 16 }}>
          <div className={classes.bar}>
            <ViewTabs view={view} onChange={showView} />
            <div className={classes.status}>
              {result && <IndexStatus indexedAt={result.indexedAt} />}
              <Link to={fleetLink}>Fleet: SLO budgets and drift by owner</Link>
            </div>
          </div>
          <div role="tabpanel" id="models-view-panel" aria-labelledby={`models-view-${view}`}>
            <div className={classes.controls}>
              <SearchBox value={query.q ?? ''} onSearch={q => setQuery({ ...query, q: q || undefined, offset: 0 })} />
              <Filters query={query} facets={facets.value} facetsError={facets.error} filtered={filters.length > 0} onChange={setQuery} onClear={clear} />
            </div>
            {page.loading && <LinearProgress aria-label="Loading models" />}
            {page.error && <ExplorerError error={page.error} onRetry={page.retry} />}
            {result && !page.error && (
              <>
                {result.totalItems === 0 && <ExplorerEmpty filters={filters} mine={!!query.mine} onClear={clear} onShowAll={() => showView('all')} />}
                {pastTheEnd && (
                  <Typography role="status">
                    This page is past the last of {result.totalItems} models: <Link to={`?${paramsOf({ ...query, offset: 0 })}`}>go to the first page</Link>.
                  </Typography>
                )}
                {result.items.length > 0 && (
                  <>
                    <ExplorerTable rows={result.items} sorting={sorting} onSort={sort} />
                    <TablePagination
                      component="div"
                      count={result.totalItems}
                      page={Math.floor(query.offset / query.limit)}
                      rowsPerPage={query.limit}
                      rowsPerPageOptions={PAGE_SIZES}
                      labelRowsPerPage="Models per page:"
                      onPageChange={(_, p) => setQuery({ ...query, offset: p * query.limit })}
                      onRowsPerPageChange={e => setQuery({ ...query, limit: Number(e.target.value), offset: 0 })}
                    />
                  </>
                )}
              </>
            )}
          </div>
        </Paper>
      </Content>
    </Page>
  );
}
