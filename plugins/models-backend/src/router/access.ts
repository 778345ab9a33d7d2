import type {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult, type BasicPermission, type Permission, type ResourcePermission } from '@backstage/plugin-permission-common';
import { type ModelEntityV1alpha1, modelRefOf } from '@modelport/plugin-models-common';
import type { ModelLookup } from '../service/ModelLookup';
import type { Actor } from '../service/RegistryService';

type Principal = 'user' | 'service';

/** Any route's request, however the OpenAPI document types its params, query and body. */
export type AnyRequest = Parameters<HttpAuthService['credentials']>[0];

/** The caller of a route and, once asked, who they are in the registry's terms. */
export type Caller = { credentials: BackstageCredentials; actor(): Promise<Actor> };

/** A Model the caller may act on under the permission asked for. */
export type ModelAccess = Caller & {
  ref: string;
  /** The entity as the caller sees it: fetched afresh for a mutation, for a read on demand and briefly kept. */
  model(): Promise<ModelEntityV1alpha1>;
};

export type AccessOptions = {
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  models: ModelLookup;
};

const once = <T>(load: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
};

/** The one door of every route: who calls, which Model, and whether the permission allows it. */
export function createAccess({ auth, httpAuth, userInfo, permissions, models }: AccessOptions) {
  async function actorOf(credentials: BackstageCredentials): Promise<Actor> {
    if (auth.isPrincipal(credentials, 'user')) {
      const info = await userInfo.getUserInfo(credentials);
      return { ref: info.userEntityRef, ownershipRefs: info.ownershipEntityRefs };
    }
    return { ref: `service:${(credentials.principal as BackstageServicePrincipal).subject}`, ownershipRefs: [] };
  }

  /** Each decision of the permission framework on the resource, in the order asked. */
  async function allowed(credentials: BackstageCredentials, asked: Permission[], resourceRef?: string): Promise<boolean[]> {
    const requests = asked.map(permission => (resourceRef ? { permission: permission as ResourcePermission, resourceRef } : { permission: permission as BasicPermission }));
    const decisions = await permissions.authorize(requests, { credentials });
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /** One permission on each of several resources, in one call to the permission framework. */
  async function allowedOn(credentials: BackstageCredentials, permission: ResourcePermission, resourceRefs: string[]): Promise<boolean[]> {
    if (!resourceRefs.length) return [];
    const decisions = await permissions.authorize(resourceRefs.map(resourceRef => ({ permission, resourceRef })), { credentials });
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  async function authorize(credentials: BackstageCredentials, permission: Permission, resourceRef?: string) {
    const [ok] = await allowed(credentials, [permission], resourceRef);
    if (!ok) throw new NotAllowedError(`Not allowed: ${permission.name}${resourceRef ? ` on ${resourceRef}` : ''}`);
  }

  /** Who calls with these credentials, and who they are in the registry's terms once asked. */
  const callerOf = (credentials: BackstageCredentials): Caller => ({ credentials, actor: once(() => actorOf(credentials)) });

  /** The caller, allowed the basic `permission` when given. */
  async function requireCaller(req: AnyRequest, options: { allow?: Principal[]; permission?: BasicPermission } = {}): Promise<Caller> {
    const credentials = await httpAuth.credentials(req, { allow: options.allow ?? ['user', 'service'] });
    if (options.permission) await authorize(credentials, options.permission);
    return callerOf(credentials);
  }

  /**
   * The Model of the route (its :namespace and :name, or `ref`, looked up once the caller is known) for a caller
   * allowed `permission` on it; see modelAccess.
   */
  async function requireModel(
    req: AnyRequest,
    permission: ResourcePermission<'catalog-entity'>,
    options: { allow?: Principal[]; ref?: () => Promise<string> } = {},
  ): Promise<ModelAccess> {
    const caller = await requireCaller(req, { allow: options.allow });
    const ref = options.ref ? await options.ref() : modelRefOf({ namespace: req.params.namespace, name: req.params.name });
    return modelAccess(caller, ref, permission);
  }

  /**
   * The Model `ref` for a caller allowed `permission` on it. Reading needs the catalog's read permission on the
   * entity, answered 404 when denied as the catalog does, and no catalog round trip; any other permission needs the
   * entity as the caller sees it first (404 when they cannot) and then the permission (403).
   */
  async function modelAccess(caller: Caller, ref: string, permission: ResourcePermission<'catalog-entity'>): Promise<ModelAccess> {
    if (permission === catalogEntityReadPermission) {
      const [readable] = await allowed(caller.credentials, [permission], ref);
      if (!readable) throw new NotFoundError(`No Model ${ref} in the catalog`);
      return { ...caller, ref, model: once(() => models.get(ref, caller.credentials)) };
    }
    const model = await models.get(ref, caller.credentials, { fresh: true });
    await authorize(caller.credentials, permission, ref);
    return { ...caller, ref, model: async () => model };
  }

  const isUser = (caller: Caller) => auth.isPrincipal(caller.credentials, 'user');

  /** Throws NotAllowedError unless the caller has `permission` (on `resourceRef`, when given). */
  const requirePermission = (caller: Caller, permission: Permission, resourceRef?: string) => authorize(caller.credentials, permission, resourceRef);

  return { callerOf, requireCaller, requireModel, modelAccess, requirePermission, allowed, allowedOn, isUser };
}

export type Access = ReturnType<typeof createAccess>;
