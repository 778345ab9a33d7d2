export { ModelRelationsCard } from './ModelRelationsCard';
