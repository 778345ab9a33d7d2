import type { ModelRegistryConnector } from '@modelport/plugin-models-node';
import { MemoryConnector } from '../../../connectors/__testUtils__/MemoryConnector';
import type { ReadEndpoint } from '../EndpointStore';

/** An outside registry whose platform serves models, held in memory: its endpoints, its failure, its calls. */
export class MemoryServingConnector extends MemoryConnector {
  endpoints: ReadEndpoint[] = [];
  /** servingEndpoints() throws this, when set; `hang` makes it never answer. */
  servingFailure?: Error;
  hang = false;
  servingCalls = 0;

  constructor(name: string, options: Partial<Pick<ModelRegistryConnector, 'flavour' | 'aliasEnvironments' | 'namespace'>> = {}) {
    super(name, { flavour: 'unity-catalog', ...options });
  }

  servingEndpoints = async (): Promise<ReadEndpoint[]> => {
    this.servingCalls++;
    if (this.hang) return new Promise<never>(() => {});
    if (this.servingFailure) throw this.servingFailure;
    return structuredClone(this.endpoints);
  };
}

/** An error as the mlflow module's RegistryRequestError carries it: a message and the HTTP status. */
export const requestError = (message: string, status?: number) => Object.assign(new Error(message), { status });
