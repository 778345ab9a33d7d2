import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';

/**
 * The model's link to an outside registry, apart from the rest of the tab so that its failure stays its own; with
 * the connector's sync status when that can be read (the link stands without it). `reloadKey` reads it again
 * whenever the tab's registry data is read again, as after a promotion that queues an alias write.
 */
export function useOutsideRegistry(model: CompoundEntityRef, reloadKey: unknown) {
  const api = useApi(modelRegistryApiRef);
  return useAsync(async () => {
    const linked = await api.getRegistryLink(model);
    const link = linked.link;
    if (!link) return undefined;
    const connector = await api.listRegistries().then(
      all => all.find(c => c.name === link.connector),
      () => undefined,
    );
    return { linked: { ...linked, link }, connector };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, model.namespace, model.name, reloadKey]);
}
