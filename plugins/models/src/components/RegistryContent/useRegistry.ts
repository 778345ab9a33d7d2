import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelRefOf } from '@modelport/plugin-models-common';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';

/**
 * Loads the registry state, versions, environments and audit trail of the Model in context, and runs actions
 * against it, keeping the server's message when it refuses one.
 */
export function useRegistry() {
  const api = useApi(modelRegistryApiRef);
  const { entity } = useEntity();
  const model = getCompoundEntityRef(entity);
  const modelKey = `${model.namespace}/${model.name}`;
  const [refused, setRefused] = useState<string>();
  const [busy, setBusy] = useState(false);

  const data = useAsyncRetry(async () => {
    const [state, versions, environments, history] = await Promise.all([
      api.getRegistryState(model),
      api.listVersions(model),
      api.listEnvironments(),
      api.getHistory(model),
    ]);
    const subject = modelRefOf(model);
    // The audit trail needs its own permission; without it the rest of the tab still works.
    const audit = await api.listAuditEvents({ subject, limit: 200 }).catch((error: Error) => error);
    return { state, versions, environments, history, audit };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, modelKey]);

  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setRefused(undefined);
      try {
        await action();
        return true;
      } catch (error) {
        const serverMessage = (error as { body?: { error?: { message?: string } } }).body?.error?.message;
        setRefused(serverMessage ?? (error as Error).message);
        return false;
      } finally {
        setBusy(false);
        data.retry();
      }
    },
    [data],
  );

  return { api, model, data, refused, busy, run, dismissRefusal: () => setRefused(undefined) };
}
