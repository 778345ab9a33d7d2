import { Link, Table, type TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { modelPromotionRequestPermission, type EnvironmentState, type ModelVersion, type PromotionRequest } from '@modelport/plugin-models-common';
import { personRef, registeredByText } from './displayRef';
import { webUrl } from './outsideRegistryText';

/**
 * Registered versions with their metrics, who registered (or which outside registry imported) each, the run that
 * produced it, where each is current, and the next promotion it can take: offered when the registry would take the
 * request, otherwise disabled with the reason beside it.
 */
export function VersionsTable(props: {
  versions: ModelVersion[];
  environments: EnvironmentState[];
  pending: PromotionRequest[];
  canRequestPromotion: boolean;
  viewerRef?: string;
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

  const whyNot = (version: string, environment: string): string | undefined => {
    if (!props.canRequestPromotion) return `Needs the ${modelPromotionRequestPermission.name} permission`;
    const pending = props.pending.find(r => r.toEnvironment === environment);
    if (pending) return `${pending.version} → ${environment} is pending, requested by ${personRef(pending.requestedBy, props.viewerRef)}`;
    const index = environments.findIndex(e => e.name === environment);
    if (index > 0 && environments[index - 1].current?.version !== version) return `Not current in ${environments[index - 1].name}`;
    return undefined;
  };

  const nowrap = { whiteSpace: 'nowrap' } as const;
  const columns: TableColumn<ModelVersion>[] = [
    { title: 'Version', field: 'version', highlight: true, cellStyle: nowrap },
    {
      title: 'Metrics',
      render: v => Object.entries(v.metrics).map(([name, value]) => <Chip key={name} size="small" label={`${name} ${value}`} style={{ margin: 2 }} />),
    },
    { title: 'Framework', field: 'framework', cellStyle: nowrap },
    { title: 'Registered', cellStyle: nowrap, render: v => `${new Date(v.registeredAt).toLocaleDateString()} ${registeredByText(v.registeredBy, props.viewerRef)}` },
    {
      title: 'Run',
      cellStyle: nowrap,
      render: v => {
        const url = webUrl(v.sourceRunUrl);
        if (url) return <Link to={url} externalLinkIcon>Run</Link>;
        if (!v.sourceRunUrl) return '—';
        // Not a web address: shown as given rather than made a link that could run script.
        return (
          <Typography variant="caption" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
            {v.sourceRunUrl}
          </Typography>
        );
      },
    },
    { title: 'Current in', cellStyle: nowrap, render: v => currentIn(v.version).join(', ') || '—' },
    {
      title: 'Next step',
      cellStyle: { minWidth: 180 },
      render: v => {
        const next = nextEnvironment(v.version);
        if (!next) return <Typography variant="caption">In every environment</Typography>;
        const reason = whyNot(v.version, next);
        return (
          <>
            <Button
              id={`promote-${v.version}`}
              size="small"
              variant="outlined"
              style={nowrap}
              disabled={props.busy || Boolean(reason)}
              aria-describedby={reason ? `why-${v.version}` : undefined}
              onClick={() => props.onRequestPromotion(v.version, next)}
            >
              Promote to {next}…
            </Button>
            {reason && (
              <Typography id={`why-${v.version}`} variant="caption" display="block" color="textSecondary">
                {reason}
              </Typography>
            )}
          </>
        );
      },
    },
  ];

  return (
    <Table
      title="Versions"
      options={{ paging: props.versions.length > 10, pageSize: 10, search: false, padding: 'dense', headerStyle: nowrap, draggable: false }}
      columns={columns}
      data={props.versions}
      emptyContent={<div style={{ padding: 16 }}>No versions registered yet. Register one through the API, the scaffolder action or CI.</div>}
    />
  );
}
