import type { RegistryInstanceConfig } from './config';

/** An instance's configuration as readRegistries gives it, for tests against a sandbox registry. */
export function testInstance(url: string, change: Partial<RegistryInstanceConfig> & { token?: string } = {}): RegistryInstanceConfig {
  const { token = 'sandbox-mlflow', ...rest } = change;
  return {
    name: 'acme-mlflow',
    flavour: 'mlflow',
    url,
    headers: { authorization: `Bearer ${token}` },
    timeoutMs: 5_000,
    namespace: 'acme-mlflow',
    owner: { tag: 'owner', default: 'group:default/ml-platform' },
    aliases: { champion: 'prod', challenger: 'staging' },
    writeBack: false,
    servingEnvironments: {},
    ...rest,
  };
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}
