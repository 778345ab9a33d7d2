import { ALERT_WINDOWS, type ModelEntityV1alpha1, modelRefOf, MULTIWINDOW_ALERTS, WINDOW_PLACEHOLDER as WINDOW, windowSeconds } from '@modelport/plugin-models-common';
import { type MetricsSource, sliErrorRatio } from './sliQueries';

export type RecordingRule = { record: string; expr: string; labels: Record<string, string> };
export type AlertingRule = { alert: string; expr: string; labels: Record<string, string>; annotations: Record<string, string> };
export type RuleGroup = { name: string; rules: Array<RecordingRule | AlertingRule> };

/**
 * Prometheus recording and alerting rules for a model's objectives in the form Sloth generates (same metric names
 * and `sloth_*` labels, so Sloth's Grafana dashboards read them): SLI error ratios per window, SLO metadata, and
 * the multiwindow, multi-burn-rate page (critical) and ticket (warning) alerts.
 */
export function generateSloRules(model: ModelEntityV1alpha1, source: MetricsSource): { groups: RuleGroup[] } {
  const service = model.metadata.name;
  const groups: RuleGroup[] = [];
  for (const slo of model.spec.slos ?? []) {
    const id = `${service}-${slo.name}`;
    const labels = { sloth_id: id, sloth_service: service, sloth_slo: slo.name };
    const selector = `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
    const sli = sliErrorRatio(model, slo, source);
    const budget = 1 - slo.objective;
    const windows = [...new Set([...ALERT_WINDOWS].sort((a, b) => windowSeconds(a) - windowSeconds(b)))];
    const days = windowSeconds(slo.window) / 86_400;

    groups.push({
      name: `sloth-slo-sli-recordings-${id}`,
      rules: [
        ...windows.map(w => ({
          record: `slo:sli_error:ratio_rate${w}`,
          expr: `(${sli.errors.replaceAll(WINDOW, w)})\n/\n(${sli.total.replaceAll(WINDOW, w)})`,
          labels: { ...labels, sloth_window: w },
        })),
        // The objective's window, averaged from the 5-minute ratios as Sloth does, unless it is an alert window.
        ...windows.filter(w => w === slo.window).length ? [] : [{
          record: `slo:sli_error:ratio_rate${slo.window}`,
          expr: `sum_over_time(slo:sli_error:ratio_rate5m${selector}[${slo.window}])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m${selector}[${slo.window}])`,
          labels: { ...labels, sloth_window: slo.window },
        }],
      ],
    });
    groups.push({
      name: `sloth-slo-meta-recordings-${id}`,
      rules: [
        { record: 'slo:objective:ratio', expr: `vector(${slo.objective})`, labels },
        { record: 'slo:error_budget:ratio', expr: `vector(1-${slo.objective})`, labels },
        { record: 'slo:time_period:days', expr: `vector(${days})`, labels },
        {
          record: 'slo:current_burn_rate:ratio',
          expr: `slo:sli_error:ratio_rate5m${selector}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${selector}`,
          labels,
        },
        {
          record: 'slo:period_burn_rate:ratio',
          expr: `slo:sli_error:ratio_rate${slo.window}${selector}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${selector}`,
          labels,
        },
        { record: 'slo:period_error_budget_remaining:ratio', expr: `1 - slo:period_burn_rate:ratio${selector}`, labels },
        {
          record: 'sloth_slo_info',
          expr: 'vector(1)',
          labels: { ...labels, sloth_mode: 'modelport', sloth_objective: String(slo.objective * 100), model: modelRefOf(model) },
        },
      ],
    });
    const condition = (severity: 'critical' | 'warning') =>
      MULTIWINDOW_ALERTS.filter(a => a.severity === severity)
        .map(a => {
          const threshold = `(${a.factor} * ${Number(budget.toFixed(12))})`;
          return [
            '(',
            `    max(slo:sli_error:ratio_rate${a.short}${selector} > ${threshold}) without (sloth_window)`,
            '    and',
            `    max(slo:sli_error:ratio_rate${a.long}${selector} > ${threshold}) without (sloth_window)`,
            ')',
          ].join('\n');
        })
        .join('\nor\n');
    const alert = (severity: 'critical' | 'warning', kind: string): AlertingRule => ({
      alert: `ModelSLOErrorBudgetBurn${kind}`,
      expr: condition(severity),
      labels: { ...labels, severity, sloth_severity: severity === 'critical' ? 'page' : 'ticket' },
      annotations: {
        summary: `${service}: the ${slo.name} SLO error budget burns too fast`,
        title: `(${severity}) ${service} ${slo.name} SLO error budget burn rate is too high`,
      },
    });
    groups.push({ name: `sloth-slo-alerts-${id}`, rules: [alert('critical', 'Page'), alert('warning', 'Ticket')] });
  }
  return { groups };
}
