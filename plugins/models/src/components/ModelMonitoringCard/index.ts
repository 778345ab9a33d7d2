export { ModelMonitoringCard } from './ModelMonitoringCard';
