import { InputError } from '@backstage/errors';
import { describeModelProblems, type ModelEntityV1alpha1, modelDocumentProblems } from '@modelport/plugin-models-common';

/** A Model given by a caller rather than read from the catalog, checked as the catalog checks it. */
export async function checkedModel(body: unknown): Promise<ModelEntityV1alpha1> {
  const problems = await modelDocumentProblems(body);
  if (problems.length) throw new InputError(`Invalid Model: ${describeModelProblems(problems)}`);
  return body as ModelEntityV1alpha1;
}
