import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogGraphModelRelations } from '@modelport/plugin-models/alpha';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';

// Plugins in package.json are discovered through `app.packages: all`; modules like these are added by hand.
export default createApp({
  features: [catalogPlugin, catalogGraphModelRelations, navModule, homeModule],
});
