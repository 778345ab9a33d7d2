import { Content, Header, Link, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tab from '@material-ui/core/Tab';
import TablePagination from '@material-ui/core/TablePagination';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ExplorerEmpty } from './ExplorerEmpty';
import { ExplorerError } from './ExplorerError';
import { ExplorerFilters } from './ExplorerFilters';
import { ExplorerTable } from './ExplorerTable';
import {
  activeFilters,
  PAGE_SIZES,
  paramsOf,
  queryOf,
  withoutFilters,
  type Query,
} from './explorerQuery';
import { facetText } from './facetText';
import { IndexStatus } from './IndexStatus';
import { SearchBox } from './SearchBox';
import { useExplorerFacets, useExplorerPage } from './useExplorer';
import { useFleetLink } from './useFleetLink';

const VIEWS = [
  { value: 'all', label: 'All models' },
  { value: 'mine', label: 'My team' },
] as const;

/**
 * The models explorer, the page people open first: every model the person may see with where each version runs,
 * promotions waiting, SLO, drift, serving and review, searched, filtered, sorted and paged by the server. The whole
 * view lives in the URL (the API's own query parameters), so that a view can be shared and the back button goes
 * back to the view before.
 */
export function ExplorerPage() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryOf(params), [params]);
  const page = useExplorerPage(query);
  const facets = useExplorerFacets();
  const fleetLink = useFleetLink();

  const setQuery = (next: Query) => setParams(paramsOf(next));
  const filters = activeFilters(query, facetText);
  const clear = () => setQuery(withoutFilters(query));
  // "My team" is sorted by the server (pending approvals, then what needs attention) until a header asks otherwise.
  const sorting = {
    sort: query.sort ?? (query.mine ? undefined : 'name'),
    order: query.order ?? 'asc',
  } as const;
  const view = query.mine ? 'mine' : 'all';
  const showView = (next: string) =>
    // Each view opens on its own default order, and on its first page.
    setQuery({
      ...query,
      mine: next === 'mine' || undefined,
      sort: undefined,
      order: undefined,
      offset: 0,
    });

  const result = page.value;
  const pastTheEnd =
    !!result && result.items.length === 0 && result.totalItems > 0;
  return (
    <Page themeId="tool">
      <Header
        title="Models"
        subtitle="Every model you may see: versions per environment, approvals waiting, SLOs, drift, serving and reviews"
      />
      <Content>
        {/* On paper: secondary text on the page's grey background falls short of WCAG's contrast. */}
        <Paper variant="outlined" style={{ padding: 16 }}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            flexWrap="wrap"
            mb={1}
            style={{ gap: 8 }}
          >
            <Tabs
              value={view}
              onChange={(_, next) => showView(next)}
              aria-label="Models to show"
              indicatorColor="primary"
            >
              {VIEWS.map(v => (
                <Tab
                  key={v.value}
                  value={v.value}
                  label={v.label}
                  id={`models-view-${v.value}`}
                  aria-controls="models-view-panel"
                />
              ))}
            </Tabs>
            <Box display="flex" alignItems="center" style={{ gap: 16 }}>
              {result && <IndexStatus indexedAt={result.indexedAt} />}
              <Link to={fleetLink}>Fleet: SLO budgets and drift by owner</Link>
            </Box>
          </Box>
          <div
            role="tabpanel"
            id="models-view-panel"
            aria-labelledby={`models-view-${view}`}
          >
            <Box
              display="flex"
              flexDirection="column"
              style={{ gap: 8 }}
              mb={2}
            >
              <SearchBox
                value={query.q ?? ''}
                onSearch={q =>
                  setQuery({ ...query, q: q || undefined, offset: 0 })
                }
              />
              <ExplorerFilters
                query={query}
                facets={facets.value}
                facetsError={facets.error}
                filtered={filters.length > 0}
                onChange={setQuery}
                onClear={clear}
              />
            </Box>
            {page.loading && <LinearProgress aria-label="Loading models" />}
            {page.error && (
              <ExplorerError error={page.error} onRetry={page.retry} />
            )}
            {result && !page.error && (
              <>
                {result.totalItems === 0 && (
                  <ExplorerEmpty
                    filters={filters}
                    mine={!!query.mine}
                    onClear={clear}
                    onShowAll={() => showView('all')}
                  />
                )}
                {pastTheEnd && (
                  <Typography role="status">
                    This page is past the last of {result.totalItems} models:{' '}
                    <Link to={`?${paramsOf({ ...query, offset: 0 })}`}>
                      go to the first page
                    </Link>
                    .
                  </Typography>
                )}
                {result.items.length > 0 && (
                  <>
                    <ExplorerTable
                      rows={result.items}
                      sorting={sorting}
                      onSort={s => setQuery({ ...query, ...s, offset: 0 })}
                    />
                    <TablePagination
                      component="div"
                      count={result.totalItems}
                      page={Math.floor(query.offset / query.limit)}
                      rowsPerPage={query.limit}
                      rowsPerPageOptions={PAGE_SIZES}
                      labelRowsPerPage="Models per page:"
                      onPageChange={(_, p) =>
                        setQuery({ ...query, offset: p * query.limit })
                      }
                      onRowsPerPageChange={e =>
                        setQuery({
                          ...query,
                          limit: Number(e.target.value),
                          offset: 0,
                        })
                      }
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
