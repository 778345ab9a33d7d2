import type { AuditorService, AuditorServiceEventSeverityLevel } from '@backstage/backend-plugin-api';
import type { Response } from 'express';

type AuditedRequest = NonNullable<Parameters<AuditorService['createEvent']>[0]['request']>;

/**
 * Writes a JSON body the way the catalog writes entities: without Express' ETag, whose hash of every body cost the
 * read endpoints a measurable share of their throughput (docs/benchmarks.md). Typed by the route's answer.
 */
export function reply<T>(res: Response<T>, status: number, body: T) {
  replyJson(res, status, JSON.stringify(body));
}

/** Writes JSON text that is already the route's answer, such as the version list as the store holds it. */
export function replyJson(res: Response, status: number, json: string) {
  res.status(status).setHeader('content-type', 'application/json; charset=utf-8');
  res.end(json);
}

/** Runs a route's action as an auditor event: success, or failure with the error, at the given severity. */
export function createAudited(auditor: AuditorService) {
  return async function audited<T>(req: AuditedRequest, eventId: string, severityLevel: AuditorServiceEventSeverityLevel, action: () => Promise<T>): Promise<T> {
    const event = await auditor.createEvent({ eventId, severityLevel, request: req, meta: { ...req.params } });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
}

export type Audited = ReturnType<typeof createAudited>;
