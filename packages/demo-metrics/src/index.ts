export { backfill, exposition, HISTORY_DAYS, samplesAt, scenarioFrom, type Sample, type Scenario } from './scenario';
