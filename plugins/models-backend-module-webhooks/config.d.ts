export interface Config {
  models?: {
    /** Where the registry's changes are forwarded. */
    webhooks?: {
      receivers?: Array<{
        /** Unique; names the deliveries in GET /api/models/webhooks/deliveries. */
        name: string;
        /** An http or https URL that takes a POST of each RegistryEvent's JSON. */
        url: string;
        /**
         * Signs every delivery (HMAC-SHA256); at least 32 characters, shared with the receiver.
         * @visibility secret
         */
        secret: string;
        /** Only these registry actions (e.g. promotion.completed); every one when absent. */
        actions?: string[];
        /** How long an attempt waits for an answer. Default 10. */
        timeoutSeconds?: number;
      }>;
      retry?: {
        /** Attempts before a delivery is given up as failed. Default 8. */
        maxAttempts?: number;
        /** The wait after the first failure, doubled after each next one. Default 30. */
        initialDelaySeconds?: number;
        /** The longest wait between attempts. Default 3600. */
        maxDelaySeconds?: number;
      };
    };
  };
}
