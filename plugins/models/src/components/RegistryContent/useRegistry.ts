import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelRefOf, registrySignalChannel } from '@modelport/plugin-models-common';
import { useSignal } from '@backstage/plugin-signals-react';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import type { OutcomeMessage } from './Outcome';

/** The server's reason for refusing, in full, or the client's error when there was no answer. */
export function refusalOf(error: unknown): string {
  const serverMessage = (error as { body?: { error?: { message?: string } } }).body?.error?.message;
  return serverMessage ?? (error as Error).message;
}

/**
 * Loads the registry state, versions, environments and audit trail of the Model in context, and runs actions
 * against it: a success says what happened on the tab; a refusal is handed back, for the dialog that asked.
 */
export function useRegistry() {
  const api = useApi(modelRegistryApiRef);
  const { entity } = useEntity();
  const model = getCompoundEntityRef(entity);
  const modelKey = `${model.namespace}/${model.name}`;
  const [outcome, setOutcome] = useState<OutcomeMessage>();
  const [busy, setBusy] = useState(false);

  // Someone else's change of this model, said on its signals channel: read it again, so that an open tab never
  // offers what the registry would now refuse. Without the signals plugin in the app, nothing arrives.
  const { lastSignal } = useSignal(registrySignalChannel(modelRefOf(model)));

  const data = useAsyncRetry(async () => {
    const [state, versions, environments, history] = await Promise.all([
      api.getRegistryState(model),
      api.listVersions(model),
      api.listEnvironments(),
      api.getHistory(model),
    ]);
    const subject = modelRefOf(model);
    // The audit trail needs its own permission; without it the rest of the tab still works.
    const audit = await api.listAuditEvents({ subject, limit: 200, latest: true }).catch((error: Error) => error);
    return { state, versions, environments, history, audit };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, modelKey, lastSignal]);

  /** Runs the action; on success shows what `describe` makes of its answer and returns undefined, else the refusal. */
  const run = useCallback(
    async <T>(action: () => Promise<T>, describe: (result: T) => OutcomeMessage): Promise<string | undefined> => {
      setBusy(true);
      setOutcome(undefined);
      try {
        setOutcome(describe(await action()));
        return undefined;
      } catch (error) {
        return refusalOf(error);
      } finally {
        setBusy(false);
        data.retry();
      }
    },
    [data],
  );

  return { api, entity, model, data, outcome, busy, run, dismissOutcome: () => setOutcome(undefined) };
}
