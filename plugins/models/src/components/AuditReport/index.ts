export { AuditReportPage } from './AuditReportPage';
