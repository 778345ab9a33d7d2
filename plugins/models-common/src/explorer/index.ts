// The models explorer's types, each the schema or operation of the same name in the models API's OpenAPI document.
import type { ModelsApiPaths as Paths, ModelsApiSchemas as S } from '../schema';

/** @public */
export type ExplorerRow = S['ExplorerRow'];
/** @public */
export type ExplorerPage = S['ExplorerPage'];
/** @public */
export type ExplorerFacets = S['ExplorerFacets'];
/**
 * The explorer's filters, sort and page, as `GET /explorer` takes them.
 *
 * @public
 */
export type ExplorerQuery = NonNullable<NonNullable<Paths['/explorer']['get']>['parameters']['query']>;
/** @public */
export type ExplorerSort = NonNullable<ExplorerQuery['sort']>;
