import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ReactElement } from 'react';

/** Renders a card for an entity inside a test app where entity links resolve. */
export function renderWithEntity(entity: Entity, element: ReactElement) {
  return renderInTestApp(<EntityProvider entity={entity}>{element}</EntityProvider>, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}
