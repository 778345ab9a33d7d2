export { ServingCard } from './ServingCard';
export { FleetServingCell } from './FleetServingCell';
