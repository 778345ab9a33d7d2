export { MyTeamsModels } from './MyTeamsModels';
