import { useApiHolder } from '@backstage/core-plugin-api';
import { routeResolutionApiRef } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { fleetRouteRef } from '../../routes';

const FLEET_PATH = '/models/fleet';

/**
 * Where the fleet page is: resolved through its route ref in an app on the new frontend system; an app on the
 * legacy system has no route resolution for it, and mounts the fleet page at /models/fleet as the README shows.
 */
export function useFleetLink(): string {
  const resolution = useApiHolder().get(routeResolutionApiRef);
  const { pathname } = useLocation();
  return useMemo(() => {
    try {
      return resolution?.resolve(fleetRouteRef, { sourcePath: pathname })?.() ?? FLEET_PATH;
    } catch {
      return FLEET_PATH;
    }
  }, [resolution, pathname]);
}
