import type { ModelRegistryApi } from '../../api/modelRegistryApiRef';
import { queryOf } from './explorerQuery';

type Answer = ReturnType<ModelRegistryApi['listExplorer']>;

/**
 * The explorer's first page asked for while the page's own code is still loading, so that the answer and the code
 * arrive together rather than one after the other (in Chromium the question otherwise waited for the code and the
 * page's first render: docs/benchmarks.md, the explorer in Chromium). Given once, to the first page that asks with
 * the same query: a later visit asks again rather than showing an old answer.
 */
export type FirstPage = { take(key: string): Answer | undefined };

/** The question the page will ask for the URL's query (`search`, as in `location.search`). */
export function firstPageKey(search: string): string {
  return JSON.stringify(queryOf(new URLSearchParams(search)));
}

export function askFirstPage(api: ModelRegistryApi, search: string): FirstPage {
  const key = firstPageKey(search);
  let answer: Answer | undefined = api.listExplorer(queryOf(new URLSearchParams(search)));
  // Read only if the page takes it; a refusal it never shows is no unhandled rejection.
  answer.catch(() => undefined);
  return {
    take(asked) {
      const given = asked === key ? answer : undefined;
      answer = undefined;
      return given;
    },
  };
}
