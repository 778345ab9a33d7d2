import type { Config } from '@backstage/config';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';

export type EnvironmentPolicy = {
  approvals: number;
  /** Entity refs, or `owner` for the model's owner. */
  approvers: string[];
  requesterMayApprove: boolean;
  /** Whether each approval must come from a different person. */
  distinctApprovers: boolean;
  qualityGates: Config[];
};

export type RegistryEnvironment = { name: string; policy: EnvironmentPolicy };

const defaultEnvironments = [
  { name: 'dev', policy: { approvals: 0 } },
  { name: 'staging', policy: { approvals: 1 } },
  { name: 'prod', policy: { approvals: 2, qualityGates: [{ type: 'model-card-complete' }] } },
];

/** Reads `models.registry.environments`, with the defaults above when it is absent. */
export function readRegistryEnvironments(config: Config): RegistryEnvironment[] {
  const configured = config.getOptionalConfigArray('models.registry.environments');
  const entries = configured ?? defaultEnvironments.map(e => new ConfigReader(e));
  const environments = entries.map(entry => {
    const policy = entry.getOptionalConfig('policy');
    const approvals = policy?.getOptionalNumber('approvals') ?? 1;
    if (!Number.isInteger(approvals) || approvals < 0) {
      throw new InputError(`models.registry.environments: approvals of ${entry.getString('name')} must be a whole number >= 0`);
    }
    return {
      name: entry.getString('name'),
      policy: {
        approvals,
        approvers: policy?.getOptionalStringArray('approvers') ?? ['owner'],
        requesterMayApprove: policy?.getOptionalBoolean('requesterMayApprove') ?? false,
        distinctApprovers: policy?.getOptionalBoolean('distinctApprovers') ?? true,
        qualityGates: policy?.getOptionalConfigArray('qualityGates') ?? [],
      },
    };
  });
  const names = environments.map(e => e.name);
  if (new Set(names).size !== names.length || names.length === 0) {
    throw new InputError(`models.registry.environments must name at least one environment, each once; got ${names.join(', ')}`);
  }
  return environments;
}
