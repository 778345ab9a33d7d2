import type { AuditReportEntry } from '@modelport/plugin-models-common';

/** The report's entries by what an auditor asks first, each in time order. */
export function sectionsOf(entries: AuditReportEntry[]) {
  const byTime = (a: AuditReportEntry, b: AuditReportEntry) => a.at.localeCompare(b.at) || a.modelRef.localeCompare(b.modelRef);
  const of = (kind: AuditReportEntry['kind']) => entries.filter(e => e.kind === kind).sort(byTime);
  const promotions = of('promotion');
  return {
    assignments: of('assignment').sort((a, b) => a.modelRef.localeCompare(b.modelRef) || (a.environment ?? '').localeCompare(b.environment ?? '') || a.at.localeCompare(b.at)),
    promotions,
    exceptions: [...of('rollback'), ...promotions.filter(p => p.overrideReason)].sort(byTime),
    reviews: of('review'),
    registrations: of('registration'),
  };
}
