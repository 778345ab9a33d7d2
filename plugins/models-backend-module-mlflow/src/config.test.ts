import { ConfigReader } from '@backstage/config';
import { readRegistries } from './config';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;
const read = (registries: JsonObject[]) => () => readRegistries(new ConfigReader({ models: { registries } }));
const owner = { default: 'group:default/ml-platform' };

describe('readRegistries', () => {
  it('gives each instance its defaults, its token as a bearer header and its url without a trailing slash', () => {
    expect(
      read([
        { name: 'acme-mlflow', flavour: 'mlflow', url: 'https://mlflow.acme.example/', token: 's3cret', owner },
        {
          name: 'Databricks EU',
          namespace: 'databricks-eu',
          flavour: 'unity-catalog',
          url: 'https://adb-1.azuredatabricks.net',
          headers: { Authorization: 'Basic abc' },
          token: 'ignored',
          owner: { tag: 'owner', default: 'group:default/risk-ml' },
          catalogName: 'acme',
          schemaName: 'risk',
          aliases: { champion: 'prod' },
          writeBack: true,
          timeoutMs: 5000,
          servingEnvironments: { '*-prod': 'prod' },
        },
      ])(),
    ).toEqual([
      {
        name: 'acme-mlflow',
        flavour: 'mlflow',
        url: 'https://mlflow.acme.example',
        headers: { authorization: 'Bearer s3cret' },
        timeoutMs: 30_000,
        namespace: 'acme-mlflow',
        owner,
        aliases: {},
        writeBack: false,
        servingEnvironments: {},
      },
      {
        name: 'Databricks EU',
        flavour: 'unity-catalog',
        url: 'https://adb-1.azuredatabricks.net',
        headers: { Authorization: 'Basic abc' },
        timeoutMs: 5000,
        namespace: 'databricks-eu',
        owner: { tag: 'owner', default: 'group:default/risk-ml' },
        aliases: { champion: 'prod' },
        writeBack: true,
        catalogName: 'acme',
        schemaName: 'risk',
        servingEnvironments: { '*-prod': 'prod' },
      },
    ]);
    expect(readRegistries(new ConfigReader({}))).toEqual([]);
  });

  it('refuses at start, naming the instance, what could never be imported', () => {
    const mlflow = { name: 'm', flavour: 'mlflow', url: 'https://m.example', owner };
    expect(read([{ ...mlflow, flavour: 'unity-catalog' }])).toThrow('models.registries[0] (m): unity-catalog needs catalogName and schemaName');
    expect(read([{ ...mlflow, servingEnvironments: { x: 'prod' } }])).toThrow('servingEnvironments are read from Databricks Model Serving: unity-catalog only');
    expect(read([mlflow, mlflow])).toThrow("models.registries[1] (m): the name 'm' is used twice");
    expect(read([{ ...mlflow, name: 'My MLflow' }])).toThrow("the name 'My MLflow' is no catalog namespace: set namespace");
    expect(read([{ ...mlflow, url: 'ftp://m.example' }])).toThrow('models.registries[0] (m): url:');
    expect(read([{ ...mlflow, owner: { default: 'risk-ml' } }])).toThrow('owner.default: must be an entity ref');
    expect(read([{ ...mlflow, flavour: 'sagemaker' }])).toThrow('flavour:');
    expect(read([{ ...mlflow, tokn: 'typo' }])).toThrow('tokn');
  });

  it('reads a kubeflow instance, and refuses what Kubeflow Model Registry cannot do, naming the instance', () => {
    const kubeflow = { name: 'acme-kubeflow', flavour: 'kubeflow', url: 'https://kubeflow.acme.example/model-registry/', token: 'sa-token', owner: { tag: 'owner', default: 'group:default/risk-ml' } };
    expect(read([kubeflow])()).toEqual([
      {
        name: 'acme-kubeflow',
        flavour: 'kubeflow',
        url: 'https://kubeflow.acme.example/model-registry',
        headers: { authorization: 'Bearer sa-token' },
        timeoutMs: 30_000,
        namespace: 'acme-kubeflow',
        owner: { tag: 'owner', default: 'group:default/risk-ml' },
        aliases: {},
        writeBack: false,
        servingEnvironments: {},
      },
    ]);
    expect(read([{ ...kubeflow, writeBack: true }])).toThrow('models.registries[0] (acme-kubeflow): writeBack is not supported for kubeflow: Kubeflow Model Registry has no aliases to move');
    expect(read([{ ...kubeflow, aliases: { champion: 'prod' } }])).toThrow('models.registries[0] (acme-kubeflow): aliases are not supported for kubeflow');
    expect(read([{ ...kubeflow, writeBack: false, aliases: {} }])()).toHaveLength(1);
    expect(read([{ ...kubeflow, filter: "name = 'x'" }])).toThrow('filter is for the mlflow flavour; kubeflow imports every live registered model');
    expect(read([{ ...kubeflow, catalogName: 'acme', schemaName: 'risk' }])).toThrow('catalogName and schemaName are for the unity-catalog flavour');
    expect(read([{ ...kubeflow, servingEnvironments: { '*': 'prod' } }])).toThrow('servingEnvironments are read from Databricks Model Serving: unity-catalog only');
  });
});
