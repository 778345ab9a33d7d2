export interface Config {
  catalog?: {
    providers?: {
      /**
       * The models API as a catalog API entity, `api:default/modelport-models-api`, whose definition is the models
       * backend's OpenAPI document (off unless this block is set), for the APIs page.
       */
      modelportApi?: {
        /** Its owner, the team that runs the portal, e.g. group:default/ml-platform. */
        owner: string;
        /** Its system, if any. */
        system?: string;
      };
      /**
       * Modelport's serving discovery (off unless this block is set): the InferenceServices of the serving clusters
       * (`models.serving.clusters`) that no Model entity describes are offered as Model entities in the catalog
       * namespace `discovered`, annotated `modelport.io/discovered-in`.
       */
      /**
       * The models of the outside registries (MLflow, Unity Catalog) that the models backend imports from, offered as
       * Model entities annotated `modelport.io/registered-model` (off unless this block is set; `{}` turns it on).
       * Models deleted in their registry stay, deprecated and annotated `modelport.io/registry-deleted-at`.
       */
      modelportRegistries?: {
        /** How often to refresh, e.g. { frequency: { minutes: 5 }, timeout: { minutes: 2 } } (the default). */
        schedule?: {
          frequency: { [unit: string]: number } | string;
          timeout: { [unit: string]: number } | string;
          initialDelay?: { [unit: string]: number } | string;
        };
      };
      modelportServing?: {
        /** The owner of the discovered entities until their real owners describe them, e.g. group:default/ml-platform. */
        owner: string;
        /** How often to refresh, e.g. { frequency: { minutes: 5 }, timeout: { minutes: 2 } } (the default). */
        schedule?: {
          frequency: { [unit: string]: number } | string;
          timeout: { [unit: string]: number } | string;
          initialDelay?: { [unit: string]: number } | string;
        };
      };
    };
  };
}
