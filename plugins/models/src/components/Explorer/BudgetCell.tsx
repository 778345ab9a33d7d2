import type { ExplorerRow } from '@modelport/plugin-models-common';
import { percent } from '../Observability/format';
import { ErrorText } from '../Tone';

/**
 * The lowest error budget left among the model's objectives; overspent, or from stale figures, in the error colour
 * (the SLO column says since when they are stale).
 */
export function BudgetCell(props: { slo: ExplorerRow['slo'] }) {
  const { budgetRemaining, figure } = props.slo;
  const overspent = budgetRemaining !== undefined && budgetRemaining < 0;
  return (
    <ErrorText variant="body2" error={overspent || figure.stale} otherwise="textPrimary">
      {percent(budgetRemaining)}
      {figure.stale && budgetRemaining !== undefined && ' (stale)'}
    </ErrorText>
  );
}
