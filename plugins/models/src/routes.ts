import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The models explorer, the plugin's main page; its filters, sort and page are its query string. */
export const explorerRouteRef = createRouteRef();

/** The fleet page. */
export const fleetRouteRef = createRouteRef();

/** The auditor's report page; `?model=&from=&to=` pick what it shows. */
export const auditReportRouteRef = createRouteRef();
