import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  type AuditReport,
  type AuditReportEntry,
  gateVerdictOf,
  modelRefOf,
} from '@modelport/plugin-models-common';
import { DateTime } from 'luxon';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { zoned } from '../Observability/format';
import { displayRef } from '../RegistryContent/displayRef';
import { ErrorText } from '../Tone';
import { sectionsOf } from './reportSections';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(4), breakInside: 'avoid-page' },
  cell: { overflowWrap: 'anywhere', verticalAlign: 'top' },
  // Printed, the report is the page: the portal's navigation, the form and the buttons stay on screen.
  '@global': {
    '@media print': {
      'nav, header, [data-print="hide"]': { display: 'none !important' },
      body: { background: '#fff' },
    },
  },
}));

const ALL = 'all';
const day = (iso: string) => iso.slice(0, 10);
const when = (iso?: string) => (iso ? zoned(iso) : '');
const modelName = (ref: string, titles: Map<string, string>) =>
  titles.get(ref) ?? parseEntityRef(ref).name;

function Section(props: {
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <section className={classes.section} aria-label={props.title}>
      <Typography variant="h5" component="h2" gutterBottom>
        {props.title}
      </Typography>
      {props.count ? (
        props.children
      ) : (
        <Typography variant="body2">{props.empty}</Typography>
      )}
    </section>
  );
}

/** A table of the report; `omit` leaves a column out (the model, when the report is of one). */
function Rows(props: { head: string[]; rows: ReactNode[][]; label: string; omit?: string }) {
  const classes = useStyles();
  const skip = props.omit ? props.head.indexOf(props.omit) : -1;
  const keep = <T,>(cells: T[]) => cells.filter((_, i) => i !== skip);
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {keep(props.head).map(h => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((row, i) => (
          <TableRow key={i}>
            {keep(row).map((cell, j) => (
              <TableCell key={j} className={classes.cell}>
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const approvalsText = (e: AuditReportEntry) =>
  (e.approvals ?? [])
    .map(
      a =>
        `${displayRef(a.actor)} (${when(a.at)})${
          a.comment ? `: “${a.comment}”` : ''
        }`,
    )
    .join('; ') || '—';
const gatesText = (e: AuditReportEntry) =>
  (e.gates ?? []).map(g => `${g.type}: ${gateVerdictOf(g)}`).join('; ') ||
  'none';
const policyText = (e: AuditReportEntry) => {
  if (e.approvalsRequired === undefined) return '—';
  return e.approvalsRequired === 0
    ? 'no approval'
    : `${e.approvalsRequired} from ${(e.approvers ?? [])
        .map(displayRef)
        .join(' or ')}`;
};

/**
 * The auditor's report: for one model or all over a time range, which version was in each environment when, every
 * promotion with who asked and who approved it under which policy and gates, every rollback and override with its
 * reason, every review, and whether the hash chain the report was read from verifies. It prints as it shows, and
 * downloads as JSON or CSV. The range and model are kept in the URL, so that a report can be shared.
 */
export function AuditReportPage() {
  const classes = useStyles();
  const api = useApi(modelRegistryApiRef);
  const catalog = useApi(catalogApiRef);
  const [params, setParams] = useSearchParams();
  const today = DateTime.utc().toISODate()!;
  const [form, setForm] = useState({
    model: params.get('model') ?? ALL,
    from: params.get('from') ?? DateTime.utc().minus({ days: 90 }).toISODate()!,
    to: params.get('to') ?? today,
  });
  const [downloadError, setDownloadError] = useState<string>();
  const models = useAsync(async () => {
    const { items } = await catalog.getEntities({
      filter: { kind: 'Model' },
      fields: ['metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(m => ({
        ref: modelRefOf(m),
        title: m.metadata.title ?? m.metadata.name,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalog]);
  // A range of whole days: from the start of `from` to the end of `to`, in UTC, as the audit trail's times are.
  const query = {
    from: `${form.from}T00:00:00.000Z`,
    to: DateTime.fromISO(`${form.to}T00:00:00.000Z`, { zone: 'utc' })
      .plus({ days: 1 })
      .toISO()!,
    ...(form.model !== ALL ? { model: form.model } : {}),
  };
  const shown = params.get('from') && params.get('to');
  const report = useAsync(
    async (): Promise<AuditReport | undefined> =>
      shown ? api.getAuditReport(query) : undefined,
    [api, params.toString()],
  );
  const titles = new Map((models.value ?? []).map(m => [m.ref, m.title]));
  const invalid =
    !form.from || !form.to || form.from > form.to
      ? 'The range must start on or before its end.'
      : undefined;

  const download = async (format: 'csv' | 'json') => {
    setDownloadError(undefined);
    try {
      const blob = await api.downloadAuditReport({ ...query, format });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `modelport-audit-${
        form.model === ALL ? 'all' : parseEntityRef(form.model).name
      }-${form.from}-${form.to}.${format}`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setDownloadError((error as Error).message);
    }
  };

  const value = report.value;
  const sections = value ? sectionsOf(value.entries) : undefined;
  const name = (ref: string) => modelName(ref, titles);
  return (
    <Page themeId="tool">
      <Header
        title="Auditor's report"
        subtitle="Which version ran where, who approved it under which policy, every exception and review, and the audit chain's proof"
      />
      <Content>
        <Paper variant="outlined" data-print="hide" style={{ padding: 16 }}>
          <Box
            component="form"
            display="flex"
            flexWrap="wrap"
            alignItems="flex-end"
            style={{ gap: 16 }}
            onSubmit={e => {
              e.preventDefault();
              setParams({
                ...(form.model !== ALL ? { model: form.model } : {}),
                from: form.from,
                to: form.to,
              });
            }}
          >
            <TextField
              id="report-model"
              select
              label="Model"
              value={form.model}
              onChange={e => setForm({ ...form, model: e.target.value })}
              style={{ minWidth: 240 }}
            >
              <MenuItem value={ALL}>All models</MenuItem>
              {(models.value ?? []).map(m => (
                <MenuItem key={m.ref} value={m.ref}>
                  {m.title}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id="report-from"
              type="date"
              label="From"
              InputLabelProps={{ shrink: true }}
              value={form.from}
              onChange={e => setForm({ ...form, from: e.target.value })}
            />
            <TextField
              id="report-to"
              type="date"
              label="To (inclusive)"
              InputLabelProps={{ shrink: true }}
              value={form.to}
              onChange={e => setForm({ ...form, to: e.target.value })}
            />
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={Boolean(invalid)}
            >
              Show report
            </Button>
            {invalid && (
              <Typography role="status" variant="body2">
                {invalid}
              </Typography>
            )}
          </Box>
        </Paper>
        {report.loading && <Progress />}
        {report.error && <ResponseErrorPanel error={report.error} />}
        {value && sections && (
          <>
            <Box
              mt={3}
              display="flex"
              flexWrap="wrap"
              style={{ gap: 8 }}
              data-print="hide"
            >
              <Button variant="outlined" onClick={() => window.print()}>
                Print
              </Button>
              <Button variant="outlined" onClick={() => download('csv')}>
                Download CSV
              </Button>
              <Button variant="outlined" onClick={() => download('json')}>
                Download JSON
              </Button>
              {downloadError && (
                <ErrorText role="alert">
                  The download failed: {downloadError}
                </ErrorText>
              )}
            </Box>
            <Box mt={3}>
              <Typography variant="body1">
                {value.modelRef ? name(value.modelRef) : 'All models'},{' '}
                {day(value.from)} to{' '}
                {DateTime.fromISO(value.to, { zone: 'utc' })
                  .minus({ days: 1 })
                  .toISODate()}{' '}
                (UTC). Generated {when(value.generatedAt)}.
              </Typography>
              {value.verification.valid ? (
                <Alert
                  severity="success"
                  role="status"
                  style={{ marginTop: 8 }}
                >
                  The audit chain verifies: all {value.verification.events}{' '}
                  events, from the first to the head (hash{' '}
                  {value.verification.headHash}), are unaltered, and this report
                  was read from them.
                </Alert>
              ) : (
                <Alert severity="error" role="alert" style={{ marginTop: 8 }}>
                  The audit chain does not verify: event{' '}
                  {value.verification.firstBrokenSeq}:{' '}
                  {value.verification.reason}. Entries built from events after
                  it cannot be trusted.
                </Alert>
              )}
            </Box>
            <Section
              title="Which version was where, when"
              empty="No version was current anywhere in this range."
              count={sections.assignments.length}
            >
              <Rows
                omit={value.modelRef ? 'Model' : undefined}
                label="Versions per environment"
                head={[
                  'Model',
                  'Environment',
                  'Version',
                  'From',
                  'Until',
                  'How',
                  'By',
                ]}
                rows={sections.assignments.map(e => [
                  name(e.modelRef),
                  e.environment,
                  e.version,
                  when(e.at),
                  e.until ? when(e.until) : 'still current',
                  e.cause,
                  e.actor && displayRef(e.actor),
                ])}
              />
            </Section>
            <Section
              title="Promotions"
              empty="No promotion was requested or decided in this range."
              count={sections.promotions.length}
            >
              <Rows
                omit={value.modelRef ? 'Model' : undefined}
                label="Promotions"
                head={[
                  'Model',
                  'Version → environment',
                  'Requested',
                  'Approvals',
                  'Policy',
                  'Quality gates',
                  'Outcome',
                ]}
                rows={sections.promotions.map(e => [
                  name(e.modelRef),
                  `${e.version} → ${e.environment}`,
                  `${displayRef(e.requestedBy ?? '')} (${when(e.requestedAt)})${
                    e.comment ? `: “${e.comment}”` : ''
                  }`,
                  approvalsText(e),
                  policyText(e),
                  gatesText(e),
                  `${e.outcome}${
                    e.rejectedBy
                      ? ` by ${displayRef(e.rejectedBy)}${
                          e.reason ? `: “${e.reason}”` : ''
                        }`
                      : ''
                  }${e.closedAt ? ` (${when(e.closedAt)})` : ''}`,
                ])}
              />
            </Section>
            <Section
              title="Rollbacks and overrides"
              empty="No rollback and no gate override in this range."
              count={sections.exceptions.length}
            >
              <Rows
                omit={value.modelRef ? 'Model' : undefined}
                label="Rollbacks and overrides"
                head={['When', 'Model', 'What', 'By', 'Reason']}
                rows={sections.exceptions.map(e =>
                  e.kind === 'rollback'
                    ? [
                        when(e.at),
                        name(e.modelRef),
                        `${e.environment} rolled back to ${e.version}${
                          e.previousVersion ? ` from ${e.previousVersion}` : ''
                        }`,
                        displayRef(e.actor ?? ''),
                        e.reason,
                      ]
                    : [
                        when(e.requestedAt),
                        name(e.modelRef),
                        `${e.version} → ${e.environment} requested over a failing gate`,
                        displayRef(e.requestedBy ?? ''),
                        e.overrideReason,
                      ],
                )}
              />
            </Section>
            <Section
              title="Reviews"
              empty="No periodic review was recorded in this range."
              count={sections.reviews.length}
            >
              <Rows
                omit={value.modelRef ? 'Model' : undefined}
                label="Reviews"
                head={[
                  'When',
                  'Model',
                  'Version',
                  'Reviewer',
                  'Outcome',
                  'Findings',
                  'Next due',
                ]}
                rows={sections.reviews.map(e => [
                  when(e.at),
                  name(e.modelRef),
                  e.version,
                  `${displayRef(e.actor ?? '')}${
                    e.independent ? ' (independent)' : ''
                  }`,
                  `${e.outcome?.replace(/-/g, ' ')}${
                    e.comment ? `: “${e.comment}”` : ''
                  }`,
                  (e.findings ?? [])
                    .map(f => `${f.title} (${f.severity})`)
                    .join('; ') || '—',
                  when(e.nextDueAt) || '—',
                ])}
              />
            </Section>
            <Section
              title="Versions registered"
              empty="No version was registered in this range."
              count={sections.registrations.length}
            >
              <Rows
                omit={value.modelRef ? 'Model' : undefined}
                label="Versions registered"
                head={['When', 'Model', 'Version', 'By']}
                rows={sections.registrations.map(e => [
                  when(e.at),
                  name(e.modelRef),
                  e.version,
                  displayRef(e.actor ?? ''),
                ])}
              />
            </Section>
          </>
        )}
        {!shown && (
          <Typography
            variant="body2"
            style={{ marginTop: 16 }}
            className={classes.cell}
          >
            Choose a model, or all, and a range of days, then show the report.
          </Typography>
        )}
      </Content>
    </Page>
  );
}
