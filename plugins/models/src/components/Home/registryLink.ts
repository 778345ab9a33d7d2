import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The path of a Model's Registry tab, where its promotions are requested, decided and rolled back. */
export function useRegistryLink(): (modelRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (modelRef: string) => {
      const { kind, namespace, name } = parseEntityRef(modelRef);
      return `${entityRoute({ kind: kind.toLocaleLowerCase('en-US'), namespace, name })}/registry`;
    },
    [entityRoute],
  );
}
