import { Table, type TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import type { EnvironmentState, ModelVersion } from '@modelport/plugin-models-common';
import { displayRef } from './displayRef';

/** Registered versions with their metrics, where each is current, and the next promotion it can take. */
export function VersionsTable(props: {
  versions: ModelVersion[];
  environments: EnvironmentState[];
  canRequestPromotion: boolean;
  busy: boolean;
  onRequestPromotion: (version: string, environment: string) => void;
}) {
  const { environments } = props;
  const currentIn = (version: string) => environments.filter(e => e.current?.version === version).map(e => e.name);

  /** The environment after the furthest one where the version is current; the first one if it is nowhere. */
  const nextEnvironment = (version: string) => {
    const positions = environments.map((e, i) => (e.current?.version === version ? i : -1)).filter(i => i >= 0);
    const next = positions.length ? Math.max(...positions) + 1 : 0;
    return environments[next]?.name;
  };

  const columns: TableColumn<ModelVersion>[] = [
    { title: 'Version', field: 'version', highlight: true },
    {
      title: 'Metrics',
      render: v => Object.entries(v.metrics).map(([name, value]) => <Chip key={name} size="small" label={`${name} ${value}`} style={{ margin: 2 }} />),
    },
    { title: 'Framework', field: 'framework' },
    { title: 'Registered', render: v => `${new Date(v.registeredAt).toLocaleDateString()} by ${displayRef(v.registeredBy)}` },
    { title: 'Current in', render: v => currentIn(v.version).join(', ') || '—' },
    {
      title: '',
      render: v => {
        const next = nextEnvironment(v.version);
        if (!props.canRequestPromotion || !next) return null;
        return (
          <Button size="small" variant="outlined" style={{ whiteSpace: 'nowrap' }} disabled={props.busy} onClick={() => props.onRequestPromotion(v.version, next)}>
            Promote to {next}
          </Button>
        );
      },
    },
  ];

  return (
    <Table
      title="Versions"
      options={{ paging: props.versions.length > 10, pageSize: 10, search: false, padding: 'dense' }}
      columns={columns}
      data={props.versions}
      emptyContent={<div style={{ padding: 16 }}>No versions registered yet. Register one through the API, the scaffolder action or CI.</div>}
    />
  );
}
