import type { ExplorerRow, ExplorerSort } from '@modelport/plugin-models-common';
import type { CSSProperties, ReactNode } from 'react';
import { AttentionCell } from './AttentionCell';
import { BudgetCell } from './BudgetCell';
import { DriftCell } from './DriftCell';
import { EntityLink } from '../EntityLink';
import { FreshnessCell } from './FreshnessCell';
import { ModelCell } from './ModelCell';
import { PendingCell } from './PendingCell';
import { ReviewCell } from './ReviewCell';
import { ServingCell } from './ServingCell';
import { SloCell } from './SloCell';
import { VersionsCell } from './VersionsCell';

export type Column = {
  /** What the server sorts by when this column's header is clicked. */
  sort: ExplorerSort;
  title: string;
  /** The order a first click asks: the most waiting and the most to attend to on top. */
  firstOrder?: 'desc';
  render: (row: ExplorerRow) => ReactNode;
  /** Keeps a column readable when the table is wider than the page and scrolls. */
  cellStyle?: CSSProperties;
};

const nowrap: CSSProperties = { whiteSpace: 'nowrap' };

const orDash = (value: string | undefined) => value ?? '—';

/** The explorer's columns; every one sorts on the server, so that the order holds across pages. */
export const columns: Column[] = [
  { sort: 'name', title: 'Model', render: r => <ModelCell row={r} />, cellStyle: { minWidth: 220 } },
  { sort: 'owner', title: 'Owner', render: r => <EntityLink entityRef={r.owner} defaultKind="group" />, cellStyle: { minWidth: 120 } },
  { sort: 'system', title: 'System', render: r => (r.system ? <EntityLink entityRef={r.system} defaultKind="system" /> : '—'), cellStyle: { minWidth: 150 } },
  { sort: 'type', title: 'Type', render: r => r.type, cellStyle: nowrap },
  { sort: 'lifecycle', title: 'Lifecycle', render: r => r.lifecycle, cellStyle: nowrap },
  { sort: 'riskLevel', title: 'Risk level', render: r => orDash(r.riskLevel), cellStyle: nowrap },
  { sort: 'versions', title: 'Versions', render: r => <VersionsCell environments={r.environments} /> },
  { sort: 'pendingApprovals', title: 'Pending approvals', firstOrder: 'desc', render: r => <PendingCell row={r} /> },
  { sort: 'slo', title: 'SLO', render: r => <SloCell slo={r.slo} /> },
  { sort: 'budget', title: 'Budget left', render: r => <BudgetCell slo={r.slo} /> },
  { sort: 'drift', title: 'Drift', render: r => <DriftCell drift={r.drift} /> },
  { sort: 'serving', title: 'Serving', render: r => <ServingCell serving={r.serving} /> },
  { sort: 'review', title: 'Review', render: r => <ReviewCell review={r.review} /> },
  { sort: 'attention', title: 'Attention', firstOrder: 'desc', render: r => <AttentionCell attention={r.attention} /> },
  { sort: 'freshness', title: 'Freshness', render: r => <FreshnessCell row={r} /> },
];
