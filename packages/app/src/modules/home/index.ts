import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageLayoutBlueprint } from '@backstage/plugin-home-react/alpha';

/** The home page's layout: Backstage's customizable grid on wider screens, the widgets one under another on a phone. */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    HomePageLayoutBlueprint.make({
      params: { loader: () => import('./HomeLayout').then(m => m.HomeLayout) },
    }),
  ],
});
