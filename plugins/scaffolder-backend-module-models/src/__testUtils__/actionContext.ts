import { createMockDirectory, mockCredentials } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/**
 * Backstage's mock action context with what it leaves out: a dry run, and the person who runs the task (the
 * registry's permissions and separation of duties apply to them). `outputs()` gathers the action's outputs.
 * The latest test utils still build on scaffolder-node 0.13, whose context type differs from 1.0's only in
 * members our actions do not use; the annotation names the one the actions are written against.
 */
export function actionContext<I extends JsonObject>(
  input: I,
  options: { workspacePath?: string; isDryRun?: boolean; user?: string } = {},
): ActionContext<I> & { outputs: () => Record<string, unknown>; logged: () => string[] } {
  const workspacePath = options.workspacePath ?? createMockDirectory().path;
  const ctx = createMockActionContext<I>({ input, workspacePath });
  const credentials = mockCredentials.user(options.user ?? 'user:default/jane.doe');
  const info = jest.spyOn(ctx.logger, 'info');
  return {
    ...(ctx as unknown as ActionContext<I>),
    isDryRun: options.isDryRun,
    getInitiatorCredentials: async () => credentials,
    outputs: () => Object.fromEntries((ctx.output as jest.Mock).mock.calls) as Record<string, unknown>,
    /** What the action said in the task log, at info level. */
    logged: () => info.mock.calls.map(call => String(call[0])),
  };
}
