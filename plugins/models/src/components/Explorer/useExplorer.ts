import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import type { Query } from './explorerQuery';
import type { FirstPage } from './firstPage';

/**
 * The explorer's page for a query, asked again whenever the query changes and on `retry`. The rows of the last
 * answer stay while the next one loads, so that the table does not jump; only the answer to the latest question
 * is kept, whatever order the answers arrive in. The first question may already be on its way (`firstPage`).
 */
export function useExplorerPage(query: Query, firstPage?: FirstPage) {
  const api = useApi(modelRegistryApiRef);
  // Asked again when the query says something else, not whenever the URL is read into an equal new object.
  const key = JSON.stringify(query);
  const first = useRef(firstPage);
  const [state, retry] = useAsyncFn(
    () => {
      const asked = first.current?.take(key);
      first.current = undefined;
      return asked ?? api.listExplorer(query);
    },
    [api, key],
    { loading: true },
  );
  useEffect(() => {
    retry();
  }, [retry]);
  return { ...state, retry };
}

/** The values of the filterable columns, with counts, among the models the person may see. */
export function useExplorerFacets() {
  const api = useApi(modelRegistryApiRef);
  return useAsync(() => api.getExplorerFacets(), [api]);
}
