export interface Config {
  models?: {
    /** Where the model page's "On call and runbooks" card links the PagerDuty and Opsgenie annotations of a Model. */
    oncall?: {
      /**
       * The PagerDuty account's address, e.g. https://acme.pagerduty.com: `pagerduty.com/service-id` links to its
       * service directory.
       * @visibility frontend
       */
      pagerDutyBaseUrl?: string;
      /**
       * The Opsgenie account's address, e.g. https://acme.app.opsgenie.com: `opsgenie.com/component-selector` links to
       * its alerts and `opsgenie.com/team` to its teams.
       * @visibility frontend
       */
      opsgenieBaseUrl?: string;
    };
  };
}
