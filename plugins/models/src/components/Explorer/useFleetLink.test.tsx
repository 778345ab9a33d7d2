import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { fleetRouteRef } from '../../routes';
import { useFleetLink } from './useFleetLink';

function FleetLink() {
  return <output aria-label="Fleet link">{useFleetLink()}</output>;
}

describe('useFleetLink', () => {
  it("is where the app mounts the fleet page's route ref", async () => {
    await renderInTestApp(<FleetLink />, { mountedRoutes: { '/leads/fleet': fleetRouteRef } });
    expect(screen.getByRole('status', { name: 'Fleet link' })).toHaveTextContent('/leads/fleet');
  });

  it('is /models/fleet where the route ref is not mounted, as in an app on the legacy frontend system', async () => {
    await renderInTestApp(<FleetLink />);
    expect(screen.getByRole('status', { name: 'Fleet link' })).toHaveTextContent('/models/fleet');
  });
});
