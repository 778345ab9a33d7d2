import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The fleet page. */
export const fleetRouteRef = createRouteRef();

/** The auditor's report page; `?model=&from=&to=` pick what it shows. */
export const auditReportRouteRef = createRouteRef();
