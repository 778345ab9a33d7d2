import type { RegistryInstanceConfig } from './config';
import { RegistryClient } from './registryClient';

/**
 * What every flavour's connector takes from its instance's configuration as it is, and the instance's HTTP client
 * (its headers, timeout, and errors that name the instance and the flavour).
 *
 * @public
 */
export abstract class ConfiguredConnector {
  /** The instance's configured name. */
  readonly name: string;
  /** The registry's aliases that stand for Modelport environments. */
  readonly aliasEnvironments: Record<string, string>;
  /** Whether Modelport moves the mapped alias after a promotion or rollback. */
  readonly writeBack: boolean;
  /** The tag naming an imported model's owner, and the owner of a model without it. */
  readonly owner: { tag?: string; default: string };
  /** The catalog namespace of the instance's Model entities. */
  readonly namespace: string;
  /** @internal */
  protected readonly client: RegistryClient;

  protected constructor(
    /** The instance's configuration, for what each flavour reads of it besides. */
    protected readonly config: RegistryInstanceConfig,
    /** `mlflow`, `unity-catalog` or `kubeflow`: the class's own, whatever the configuration says. */
    readonly flavour: RegistryInstanceConfig['flavour'],
  ) {
    this.name = config.name;
    this.aliasEnvironments = config.aliases;
    this.writeBack = config.writeBack;
    this.owner = config.owner;
    this.namespace = config.namespace;
    this.client = new RegistryClient({ instance: config.name, flavour, url: config.url, headers: config.headers, timeoutMs: config.timeoutMs });
  }
}
