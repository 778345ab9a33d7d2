export { SloCard } from './SloCard';
export { DriftCard } from './DriftCard';
export { FleetPage } from './FleetPage';
