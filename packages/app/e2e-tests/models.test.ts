import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

/**
 * No serious or critical WCAG 2.1 A/AA violation on what the page shows now (a dialog included), checked by axe-core;
 * each violation is listed with the elements it names, so that a failure says what to fix.
 */
async function expectAccessible(page: Page, what: string) {
  // Colours are judged once a dialog has faded in: axe blends a half-transparent dialog with the page behind it.
  await page.waitForFunction(() =>
    document.getAnimations().every(a => a.playState !== 'running' || !((a.effect as KeyframeEffect | null)?.target as Element | null)?.closest('.MuiDialog-root')),
  );
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map(n => `${n.target.join(' ')} (${n.html.slice(0, 120)}): ${[...n.any, ...n.all].map(c => c.message).join('; ')}`).join(' | ')}`);
  expect(serious, `accessibility of ${what}`).toEqual([]);
}

/** At a phone's width nothing makes the page scroll sideways, once the page has laid itself out for it. */
async function expectNoSidewaysScroll(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in once the sign-in page has given way to the portal; navigating earlier would cancel the sign-in.
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
}

test('a guest finds a model through the catalog kind filter and reads its model card', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog');

  await page.getByLabel('Kind', { exact: true }).getByRole('button').click();
  await page.getByRole('option', { name: 'Model' }).click();
  await expect(page).toHaveURL(/filters%5Bkind%5D=model|filters\[kind\]=model/);
  // The guest belongs to a team that owns models, so the catalog starts on "Owned"; a newcomer looks at all.
  await page.getByRole('menuitem', { name: /^All/ }).click();

  const row = page.getByRole('row').filter({ hasText: 'Churn Classifier' });
  await expect(row).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Card Fraud Detector' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'catalog-models.png') });

  await row.getByRole('link', { name: 'Churn Classifier' }).click();
  await expect(page.getByRole('heading', { name: 'Churn Classifier' })).toBeVisible();
  await expect(page.getByText('Model card', { exact: true })).toBeVisible();
  await expect(page.getByText('Intended use')).toBeVisible();
  await expect(page.getByText('Medium risk', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Evaluation metrics' }).getByText('auc', { exact: true })).toBeVisible();
  await expect(page.getByText('Served by')).toBeVisible();
  await expect(page.getByRole('link', { name: 'churn-service' }).first()).toBeVisible();
  await expect(page.locator('svg text').getByText('churn-features-v3', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Declared objectives' }).getByText('99.9%')).toBeVisible();
  // The page scrolls inside its own container, so a tall viewport rather than fullPage shows every card.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.screenshot({ path: path.join(screenshots, 'model-page.png') });
  await expectAccessible(page, 'the Model page');

  // On a phone the cards stack and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByText('Intended use')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 390, height: 3000 });
  await page.screenshot({ path: path.join(screenshots, 'model-page-phone.png') });
});

test('a promotion requested by one user is approved by another in the Registry tab, never by its requester', async ({ browser }) => {
  // Two people in two browsers, each signed in to a replica of the portal: Luis on 7017, Jane on 7018.
  const sessionOf = async (baseURL: string) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signInAsGuest(page);
    await page.goto('/catalog/default/model/churn-classifier/registry');
    return page;
  };
  const jane = await sessionOf('http://localhost:7018');
  const luis = await sessionOf('http://localhost:7017');
  const env = (page: Page, name: string) => page.getByRole('list', { name: 'Environments' }).getByRole('listitem', { name });
  const request = (page: Page, environment: string) => page.getByRole('listitem', { name: `Promotion of 1.1.0 to ${environment}` });
  const dialog = (page: Page) => page.getByRole('dialog');
  const said = (page: Page) => page.getByRole('status').filter({ hasNotText: 'Figures as of' });

  // The demo registry holds Jane's request for 1.1.0 to staging, weeks of history, and who approved what.
  await expect(env(jane, 'staging').getByText('1.0.0', { exact: true })).toBeVisible();
  await expect(env(jane, 'prod')).toContainText('Requested by you, approved by luis.ortega and hannah.schmidt');
  await expect(env(jane, 'prod')).toContainText('Needs 2 approvals from group:customer-ml or group:model-risk, each by a different person; not by the requester. Quality gates: model-card-complete and review-current.');
  await expect(jane.getByRole('note', { name: 'What you can do' })).toContainText('You can request promotions of this model. You approve promotions to staging and prod.');
  const versionRow = (page: Page, version: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: version, exact: true }) });
  // While her request is pending, a second one to staging is not offered, and she is told why.
  await expect(versionRow(jane, '1.1.0').getByRole('button', { name: 'Promote to staging…' })).toBeDisabled();
  await expect(versionRow(jane, '1.1.0')).toContainText('1.1.0 → staging is pending, requested by you');

  // She withdraws it, after a confirmation, and asks again with a comment, having seen the policy and the gates.
  await request(jane, 'staging').getByRole('button', { name: 'Cancel request…' }).click();
  await expectAccessible(jane, 'the cancel dialog');
  await dialog(jane).getByRole('button', { name: 'Cancel request' }).click();
  await expect(said(jane)).toHaveText('Cancelled your request of 1.1.0 → staging.');
  await expect(request(jane, 'staging')).toHaveCount(0);
  // By keyboard: the button opens the dialog, Escape closes it and gives the focus back.
  const promote = versionRow(jane, '1.1.0').getByRole('button', { name: 'Promote to staging…' });
  await promote.focus();
  await jane.keyboard.press('Enter');
  await expect(dialog(jane)).toContainText('Needs 1 approval from group:customer-ml; not by the requester. Quality gates: model-card-complete.');
  await expect(dialog(jane).getByRole('list', { name: 'Quality gates' })).toContainText('model-card-complete: passes');
  await expectAccessible(jane, 'the promotion dialog');
  await jane.keyboard.press('Escape');
  await expect(dialog(jane)).toHaveCount(0);
  await expect(promote).toBeFocused();
  // Again, and through it by keyboard alone: the comment is the first field, then Close, then the request.
  await jane.keyboard.press('Enter');
  await expect(dialog(jane).getByLabel('Comment for the approvers')).toBeFocused();
  await jane.keyboard.type('Retrained on Q3 data; holdout AUC 0.91');
  await expect(dialog(jane)).toContainText('38 / 1000');
  const requestButton = dialog(jane).getByRole('button', { name: 'Request promotion' });
  await expect(requestButton).toBeEnabled();
  await jane.keyboard.press('Tab');
  await expect(dialog(jane).getByRole('button', { name: 'Close' })).toBeFocused();
  await jane.keyboard.press('Tab');
  await expect(requestButton).toBeFocused();
  await jane.keyboard.press('Enter');
  await expect(said(jane)).toHaveText('Requested 1.1.0 → staging; it now waits for approval.');
  await expect(request(jane, 'staging')).toContainText('You requested this promotion, so someone else from group:customer-ml decides on it.');
  await expect(request(jane, 'staging').getByRole('button', { name: 'Approve…' })).toHaveCount(0);

  // Luis, an approver of staging, is notified (through Backstage's notifications) and finds it on his home page
  // too, among what awaits his decision; he follows the notification to the tab, may decide on the request but not
  // cancel it, and approves it with a comment.
  await luis.goto('/');
  const awaiting = luis.getByRole('list', { name: 'Awaiting my decision' });
  await expect(awaiting.getByRole('listitem').filter({ hasText: 'Churn Classifier 1.1.0 → staging' })).toContainText(
    'Requested by jane.doe just now; approvals 0 of 1: “Retrained on Q3 data; holdout AUC 0.91”',
  );
  await expectAccessible(luis, 'the home page');
  await luis.goto('/notifications');
  const notification = luis.getByRole('link', { name: 'Churn Classifier 1.1.0 → staging awaits your approval' }).first();
  await expect(notification).toBeVisible();
  await expect(luis.getByText(/^Requested by jane\.doe: “Retrained on Q3 data; holdout AUC 0\.91”\. Needs 1 approval from customer-ml/).first()).toBeVisible();
  await luis.screenshot({ path: path.join(screenshots, 'notifications.png') });
  await notification.click();
  await expect(luis).toHaveURL(/\/catalog\/default\/model\/churn-classifier\/registry$/);
  await expect(request(luis, 'staging')).toContainText('Requested by jane.doe');
  await expect(request(luis, 'staging')).toContainText('Retrained on Q3 data; holdout AUC 0.91');
  await expect(request(luis, 'staging').getByRole('button', { name: 'Cancel request…' })).toHaveCount(0);
  await expectAccessible(luis, 'the Registry tab');
  await request(luis, 'staging').getByRole('button', { name: 'Approve…' }).click();
  await expect(dialog(luis)).toContainText('Yours is approval 1 of 1: 1.1.0 becomes current in staging at once if its quality gates pass.');
  await expectAccessible(luis, 'the approval dialog');
  await dialog(luis).getByLabel('Comment').fill('Matches the notebook');
  await dialog(luis).getByRole('button', { name: 'Approve' }).click();
  await expect(said(luis)).toHaveText('1.1.0 is now current in staging.');
  await expect(env(luis, 'staging').getByText('1.1.0', { exact: true })).toBeVisible();
  await expect(env(luis, 'staging')).toContainText('Requested by jane.doe, approved by you');
  const trail = luis.getByRole('list', { name: 'Audit trail' });
  await expect(trail.getByRole('listitem').first()).toContainText('you promoted 1.1.0 to staging, replacing 1.0.0');
  await expect(trail.getByRole('listitem').nth(1)).toContainText('you approved 1.1.0 → staging');
  await expect(trail.getByRole('listitem').nth(1)).toContainText('“Matches the notebook”');
  // Numbered within the model, and timed with the zone.
  await expect(trail.getByRole('listitem').first()).toContainText(/^#\d+ /);
  await expect(trail.getByRole('listitem').first()).toContainText(/UTC · chain #\d+/);
  // Jane's open tab, on the other replica, updates by itself: the change reached it as a signal.
  await expect(env(jane, 'staging').getByText('1.1.0', { exact: true })).toBeVisible();
  await expect(request(jane, 'staging')).toHaveCount(0);
  // Jane reads it among the recent promotions on her home page.
  await jane.goto('/');
  await expect(jane.getByRole('list', { name: 'Recent promotions' }).getByRole('listitem').first()).toContainText(
    /^Churn Classifier 1\.1\.0 in stagingPromoted by luis\.ortega, replacing 1\.0\.0 · just now/,
  );
  await jane.goto('/catalog/default/model/churn-classifier/registry');
  await expect(env(jane, 'staging').getByText('1.1.0', { exact: true })).toBeVisible();

  // Rolling back asks for a reason in a dialog that says what it will do; closed here without acting.
  await env(luis, 'staging').getByRole('button', { name: 'Roll back…' }).click();
  await expect(dialog(luis)).toBeVisible();
  await expectAccessible(luis, 'the rollback dialog');
  await dialog(luis).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(luis)).toHaveCount(0);

  // Now Luis asks for prod, seeing the gate pass first: he cannot approve his own request, Jane can, and prod
  // needs a second approver.
  await versionRow(luis, '1.1.0').getByRole('button', { name: 'Promote to prod…' }).click();
  await expect(dialog(luis).getByRole('list', { name: 'Quality gates' })).toContainText('model-card-complete: passes');
  await expect(dialog(luis).getByRole('list', { name: 'Quality gates' })).toContainText('review-current: passes');
  await dialog(luis).getByRole('button', { name: 'Request promotion' }).click();
  await expect(said(luis)).toHaveText('Requested 1.1.0 → prod; it now waits for approval.');
  await expect(request(luis, 'prod').getByRole('button', { name: 'Approve…' })).toHaveCount(0);
  await jane.reload();
  await request(jane, 'prod').getByRole('button', { name: 'Approve…' }).click();
  await expect(dialog(jane)).toContainText('Yours is approval 1 of 2; the request then waits for 1 more.');
  await dialog(jane).getByRole('button', { name: 'Approve' }).click();
  await expect(said(jane)).toHaveText('Approved 1.1.0 → prod; 1 approval given, the request waits for the rest.');
  await expect(request(jane, 'prod')).toContainText('Approvals 1 of 2 (you); decided by group:customer-ml or group:model-risk.');
  await expect(request(jane, 'prod')).toContainText('You have already decided on this request; each approval must come from a different person.');

  await luis.reload();
  await expect(request(luis, 'prod')).toContainText('Approvals 1 of 2 (jane.doe)');
  await luis.setViewportSize({ width: 1440, height: 2200 });
  await luis.screenshot({ path: path.join(screenshots, 'registry-tab.png') });

  // On a phone: the environments stack without sideways arrows, the request and its buttons fit, nothing breaks
  // letter by letter, and the page does not scroll sideways.
  await luis.setViewportSize({ width: 390, height: 844 });
  await expect(request(luis, 'prod')).toBeVisible();
  // The arrows go once the page has laid itself out for the phone; the cards are measured after that.
  await expect(luis.getByRole('list', { name: 'Environments' }).locator('svg').first()).toBeHidden();
  // Both cards measured in one frame: the page above them may still be settling into its phone layout.
  const stacked = () =>
    luis.getByRole('list', { name: 'Environments' }).evaluate(list => {
      const [dev, staging] = ['dev', 'staging'].map(name => list.querySelector(`[role=listitem][aria-label="${name}"]`)!.getBoundingClientRect());
      return staging.top >= dev.bottom - 1 && staging.width <= 390;
    });
  await expect.poll(stacked).toBe(true);
  expect(await luis.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The version and the environments it is current in each read on one line.
  const lines = (name: string) =>
    versionRow(luis, '1.1.0')
      .getByRole('cell', { name, exact: true })
      .evaluate(td => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
      });
  expect(await lines('1.1.0')).toBe(1);
  expect(await lines('dev, staging')).toBe(1);
  await luis.setViewportSize({ width: 390, height: 2400 });
  await luis.screenshot({ path: path.join(screenshots, 'registry-tab-phone.png') });
});

test('a lead browses every model in the explorer: a filter, a sort and "my team", each kept in a shareable URL', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(page).toHaveURL(/\/models$/);
  const table = page.getByRole('table', { name: 'Models' });
  const rows = table.getByRole('rowheader');
  // The index catches up with the catalog on its own: the ten example models and, once the sandbox registry's
  // models are imported and offered to the catalog, its five.
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(15, { timeout: 3_000 });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Index as of' })).toBeVisible();
  await expect(rows.filter({ hasText: 'acme.risk.card_fraud_scorer' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: 'Churn Classifier' }).getByRole('list', { name: 'Versions per environment' })).toContainText('prod');

  await page.getByRole('textbox', { name: 'Filter by risk level' }).click();
  await page.getByRole('option', { name: /^high \(\d+\)$/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/riskLevel=high/);
  await expect(rows).toHaveCount(3);
  await expect(rows).toContainText(['Card Fraud Detector', 'Clinical Notes Summarizer', 'Trade Surveillance Anomaly Detector']);

  await table.getByRole('columnheader', { name: 'Model' }).getByRole('button').click();
  await expect(page).toHaveURL(/order=desc/);
  await expect(rows).toContainText(['Trade Surveillance Anomaly Detector', 'Clinical Notes Summarizer', 'Card Fraud Detector']);
  await expectAccessible(page, 'the models explorer');
  await page.screenshot({ path: path.join(screenshots, 'models-explorer.png') });

  // The same view from its link, as a colleague opens it.
  const shared = page.url();
  await page.goto('/');
  await page.goto(shared);
  await expect(rows).toContainText(['Trade Surveillance Anomaly Detector', 'Clinical Notes Summarizer', 'Card Fraud Detector']);
  await expect(page.getByRole('button', { name: 'high' })).toBeVisible();

  // "My team": Luis is in customer-ml, so its three models, whatever the filters of the other view.
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByRole('tab', { name: 'My team' }).click();
  await expect(page).toHaveURL(/mine=true/);
  await expect(rows).toHaveCount(3);
  // In the view's own order (pending approvals, then what needs attention), so each is looked for on its own.
  for (const title of ['Branch Demand Forecaster', 'Churn Classifier', 'Product Recommender']) await expect(rows.filter({ hasText: title })).toHaveCount(1);

  // An imported model's Registry tab: its versions from the sandbox MLflow, and its champion alias, which points
  // elsewhere than Modelport's prod, reported and not applied.
  await page.goto('/catalog/sandbox-mlflow/model/fraud-detector/registry');
  const outside = page.getByRole('region', { name: 'Outside registry' });
  await expect(outside.getByRole('list', { name: 'Registry findings' })).toContainText('champion');
  await expect(outside.getByRole('list', { name: 'Registry findings' })).toContainText('not applied');
  await expect(page.getByText('imported from sandbox-mlflow').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /^Run\b/ }).first()).toBeVisible();
  await expectAccessible(page, "an imported model's Registry tab");
  await outside.screenshot({ path: path.join(screenshots, 'outside-registry.png') });
});

test('a lead sees live SLO and drift figures on the model page and the fleet page, worst budget first', async ({ page }) => {
  await signInAsGuest(page);
  // The first scheduled evaluation runs shortly after the backend starts; until then the cards say so.
  await page.goto('/catalog/default/model/credit-default-scorer');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('group', { name: 'Objective availability' })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  const availability = page.getByRole('group', { name: 'Objective availability' });
  await expect(availability.getByText('critical').first()).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText("Figures as of");
  await expect(page.getByRole('figure', { name: 'Latency, last 24 hours' })).toBeVisible();

  await page.goto('/catalog/default/model/fraud-detector');
  const drift = page.getByRole('table', { name: 'Drift per feature' });
  await expect(drift.getByRole('row').filter({ hasText: 'amount_eur' }).getByText('drifted')).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 3400 });
  await page.screenshot({ path: path.join(screenshots, 'slo-and-drift-cards.png') });
  await expectAccessible(page, 'the SLO and drift cards');

  await page.setViewportSize({ width: 1440, height: 900 });
  // The fleet opens on the person's teams' models (Luis: Customer ML); one choice shows every owner's, kept in the URL.
  await page.goto('/models/fleet');
  await expect(page.getByRole('row').filter({ hasText: 'Churn Classifier' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Credit Default Scorer' })).toHaveCount(0);
  await page.getByRole('button', { name: /^Owner / }).click();
  await page.getByRole('option', { name: 'All owners' }).click();
  await expect(page).toHaveURL(/owner=all/);
  await expect(page.getByText(/^\d+ models$/)).toBeVisible();
  const firstRow = page.getByRole('row').nth(1);
  await expect(firstRow).toContainText('Credit Default Scorer');
  await expect(page.getByRole('row').filter({ hasText: 'Clinical Notes Summarizer' })).toContainText('no data');
  await page.screenshot({ path: path.join(screenshots, 'fleet.png') });
  await expectAccessible(page, 'the fleet page');

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('row').filter({ hasText: 'Credit Default Scorer' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: path.join(screenshots, 'fleet-phone.png') });
});

test('an engineer sees what runs in the sandbox clusters against what was approved, on the model page and the fleet page', async ({ page }) => {
  await signInAsGuest(page);
  // The first serving collection runs shortly after the backend starts; until then the card says so.
  await page.goto('/catalog/default/model/churn-classifier');
  const staging = page.getByRole('group', { name: 'Environment staging' });
  await expect(async () => {
    await page.reload();
    await expect(staging).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  // The canary: 1.1.0 takes 10% of staging's traffic, the previous revision the rest.
  await expect(staging.getByText('rolling out', { exact: true })).toBeVisible();
  await expect(staging).toContainText('Rolling out 1.1.0 at 10%; 90% on revision churn-classifier-predictor-00003.');
  const stagingEu = staging.getByRole('group', { name: 'Cluster staging-eu' });
  await expect(stagingEu).toContainText('10% → churn-classifier-predictor-00004 (latest)');
  await expect(stagingEu).toContainText('Seldon Core 2 is not installed on cluster staging-eu.');
  // prod: in line where it can be read; the cluster that does not answer is said, never averaged away.
  const prod = page.getByRole('group', { name: 'Environment prod' });
  await expect(prod.getByText('cluster unreachable', { exact: true })).toBeVisible();
  await expect(prod).toContainText('prod-eu: Runs 1.0.0, as approved.');
  await expect(prod.getByRole('group', { name: 'Cluster prod-us' })).toContainText('never read — the last attempt failed: unreachable (request error; caused by Error: connect ECONNREFUSED');
  await page.setViewportSize({ width: 1440, height: 1600 });
  const card = staging.locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(screenshots, 'serving-card.png') });
  await expectAccessible(page, 'the Model page with its Serving card');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/models/fleet?owner=all');
  const churn = page.getByRole('row').filter({ hasText: 'Churn Classifier' });
  await expect(churn.getByRole('group', { name: 'Serving in staging' })).toContainText('rolling out');
  const fraud = page.getByRole('row').filter({ hasText: 'Card Fraud Detector' });
  await expect(fraud.getByRole('group', { name: 'Serving in prod' })).toContainText('Runs 3.3.0, but the registry approved 3.2.0 here.');
  const summarizer = page.getByRole('row').filter({ hasText: 'Clinical Notes Summarizer' });
  // It runs 0.9.0 in staging, whose promotion there still awaits its approval.
  await expect(summarizer.getByRole('group', { name: 'Serving in staging' })).toContainText('Runs 0.9.0, but the registry approved 0.8.0 here.');
});

test("the home page shows my teams' models, those needing attention first, and the portal needs nothing from the internet", async ({ page }) => {
  const outside: string[] = [];
  page.on('request', request => {
    const host = new URL(request.url()).hostname;
    if (!['localhost', '127.0.0.1'].includes(host) && !request.url().startsWith('data:')) outside.push(request.url());
  });
  await signInAsGuest(page);
  // Luis Ortega is of Customer ML: its models are listed, another team's are not.
  const mine = page.getByRole('list', { name: "My teams' models" });
  await expect(mine.getByRole('link', { name: 'Churn Classifier' })).toBeVisible();
  await expect(mine.getByRole('link', { name: 'Credit Default Scorer' })).toHaveCount(0);
  await expect(page.getByText(/^(\d+ of \d+ need attention\.|None of \d+ needs attention now\.)$/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Recent promotions' }).getByRole('listitem').first()).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1300 });
  await page.screenshot({ path: path.join(screenshots, 'home.png') });
  await expectAccessible(page, 'the home page');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(mine.getByRole('link', { name: 'Churn Classifier' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 390, height: 2400 });
  // The grid lays the cards out again for the new size and they read their data anew: the picture waits for it.
  await expect(mine.getByRole('link', { name: 'Churn Classifier' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Recent promotions' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.screenshot({ path: path.join(screenshots, 'home-phone.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // The catalog is at /catalog, where every plugin's links point.
  await page.goto('/catalog');
  await expect(page.getByLabel('Kind', { exact: true })).toBeVisible();
  // The models API is on the APIs page, its OpenAPI document rendered on its page.
  await page.goto('/api-docs');
  await page.getByRole('menuitem', { name: /^All/ }).click();
  await page.getByRole('link', { name: /^(Modelport models API|modelport-models-api)$/ }).click();
  await expect(page.getByText('/models/{namespace}/{name}/promotions').first()).toBeVisible();
  // No TechDocs tab on a Model that has no docs.
  await page.goto('/catalog/default/model/churn-classifier');
  await expect(page.getByRole('heading', { name: 'Churn Classifier' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'TechDocs' })).toHaveCount(0);
  // Search offers only result types that answer: no Documentation type (no entity has docs), no request failing.
  const failed: string[] = [];
  page.on('response', response => response.url().includes('/api/search/') && response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`));
  await page.goto('/search?query=churn');
  await expect(page.getByRole('link', { name: /Churn Classifier/ }).first()).toBeVisible();
  await expect(page.getByText('Documentation', { exact: true })).toHaveCount(0);
  expect(failed).toEqual([]);
  expect(outside).toEqual([]);
});

test("an auditor reads the churn classifier's report, proven by the audit chain, and it prints without the portal around it", async ({ page }) => {
  await signInAsGuest(page);
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/models/audit-report?model=${encodeURIComponent('model:default/churn-classifier')}&from=${from}&to=${today}`);
  await expect(page.getByRole('status').filter({ hasText: 'The audit chain verifies' })).toContainText(/The audit chain verifies: all \d+ events, from the first to the head \(hash [0-9a-f]{64}\), are unaltered/);
  // The seeded history: 1.0.0 went to prod with the owners' and Model Risk's approvals, after hannah's review.
  const promotions = page.getByRole('table', { name: 'Promotions' });
  await expect(promotions.getByRole('row').filter({ hasText: '1.0.0 → prod' })).toContainText('luis.ortega');
  await expect(promotions.getByRole('row').filter({ hasText: '1.0.0 → prod' })).toContainText('hannah.schmidt');
  await expect(promotions.getByRole('row').filter({ hasText: '1.0.0 → prod' })).toContainText('model-card-complete: passed; review-current: passed');
  await expect(page.getByRole('table', { name: 'Reviews' }).getByRole('row').filter({ hasText: 'hannah.schmidt (independent)' })).toContainText('Validation MRM-2026-114');
  await expect(page.getByRole('table', { name: 'Versions per environment' }).getByRole('row').filter({ hasText: 'prod' }).first()).toContainText('1.0.0');
  await expectAccessible(page, "the auditor's report");
  await page.setViewportSize({ width: 1440, height: 2400 });
  await page.screenshot({ path: path.join(screenshots, 'audit-report.png') });
  // Printed, the report is the page: no sidebar, no form, no buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Show report' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Modelport home' })).toBeHidden();
  await expect(promotions).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The periodic review: the trade surveillance detector's is overdue, its prod promotions blocked until reviewed.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.goto('/catalog/default/model/trade-surveillance-detector');
  const review = page.getByRole('group', { name: 'Review status' });
  await expect(review).toContainText(/^overdueReview overdue since .+\. Its high risk level asks for a review every 12 months, by someone outside the owning group\.$/);
  await expect(page.getByText('Alert thresholds untested on the new venue (high)')).toBeVisible();
  // Reviews are the model risk group's to record (the portal's policy): Luis, of Customer ML, is told why not.
  await expect(page.getByRole('button', { name: 'Record a review…' })).toBeDisabled();
  await expect(page.getByText('Not allowed: models.review.record')).toBeVisible();
  // On a model his team owns, of medium risk (no independence asked), he may, and is told what it will do.
  await page.goto('/catalog/default/model/product-recommender');
  await expect(page.getByRole('group', { name: 'Review status' })).toContainText('Its low risk level asks for no periodic review.');
  await page.goto('/catalog/default/model/churn-classifier');
  await page.getByRole('button', { name: 'Record a review…' }).click();
  await expect(page.getByRole('dialog')).toContainText('Next review due');
  await expectAccessible(page, 'the review dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('list', { name: 'On call and runbooks' }).getByRole('link', { name: /PagerDuty service P7CHURN/ })).toHaveAttribute('href', 'https://acme.pagerduty.com/service-directory/P7CHURN');
});

/** The files of a template of templates/, by path, as a template directory holds them. */
function templateFiles(name: string): Record<string, string> {
  const root = path.resolve(__dirname, '../../../templates', name);
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return Object.fromEntries(walk(root).map(file => [path.relative(root, file), fs.readFileSync(file, 'utf8')]));
}

/** Fills "New model service (KServe)" as an ML engineer of Customer ML would, up to its review step. */
async function fillNewModelService(page: Page) {
  await page.getByRole('textbox', { name: /^Name/ }).fill('claims-triage');
  await page.getByRole('textbox', { name: /^Title/ }).fill('Claims Triage');
  const owner = page.getByRole('textbox', { name: /^Owner/ });
  await owner.fill('customer');
  await page.getByRole('option', { name: /customer-ml|Customer ML/i }).first().click();
  await page.getByRole('textbox', { name: /^Intended use/ }).fill('Suggests which claims a senior adjuster should see first; an adjuster decides.');
  // The model it replaces, and the version to beat: ModelVersionPicker offers the churn classifier's versions and
  // takes the one current in prod.
  await page.getByRole('textbox', { name: /^Replaces/ }).fill('churn');
  await page.getByRole('option', { name: /Churn Classifier|churn-classifier/ }).first().click();
  const champion = page.getByRole('textbox', { name: /^Version to beat/ });
  await expect(champion).toBeEnabled();
  await expect(champion).toHaveValue(/^\d+\.\d+\.\d+$/);
  await expect(page.getByText(/current in [a-z, ]*prod/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  // What to watch and where it runs: the defaults.
  await expect(page.getByRole('heading', { name: 'Features to monitor', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('textbox', { name: /^Kubernetes namespace/ })).toHaveValue('models');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: /^Owner/ }).fill('acme');
  await page.getByRole('textbox', { name: /^Repository/ }).fill('claims-triage');
  // RepoUrlPicker hands its value to the form after a debounce: until then the step says the repository is missing.
  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'Review' }).click();
      return page.getByRole('button', { name: 'Create' }).isVisible();
    })
    .toBe(true);
}

test('an engineer starts a new model service from Create, and the template runs dry in the template editor', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/create');
  const card = page.locator('.MuiCard-root').filter({ hasText: 'New model service (KServe)' });
  await expect(card).toBeVisible();
  // create-app's example template is gone; Modelport's are offered.
  await expect(page.getByText('Example Node.js Template')).toHaveCount(0);
  for (const title of ['Register an existing model', 'New generative-AI model behind the gateway', 'Deploy an approved version']) {
    await expect(page.locator('.MuiCard-root').filter({ hasText: title })).toBeVisible();
  }
  await card.getByRole('button', { name: 'Choose' }).click();
  await fillNewModelService(page);
  // The review lists the answers, the version to beat among them, before anything is created.
  await expect(page.getByRole('row').filter({ hasText: 'Version to beat' })).toContainText(/\d+\.\d+\.\d+/);
  await expect(page.getByRole('row').filter({ hasText: /^Name/ }).first()).toContainText('claims-triage');
  await expect(page.getByRole('button', { name: 'Create' })).toBeEnabled();
  await page.screenshot({ path: path.join(screenshots, 'create-model-service-review.png') });

  // The template editor, loading the template's directory. The browser's directory picker cannot be driven, so it
  // hands over a real directory of Chromium's origin-private file system holding the template's files.
  await page.addInitScript(files => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('model-service-kserve', { create: true });
      for (const [file, content] of Object.entries(files)) {
        const parts = file.split('/');
        let parent = dir;
        for (const part of parts.slice(0, -1)) parent = await parent.getDirectoryHandle(part, { create: true });
        const handle = await parent.getFileHandle(parts[parts.length - 1], { create: true });
        const writable = await handle.createWritable();
        await writable.write(content);
        await writable.close();
      }
      return dir;
    };
  }, templateFiles('model-service-kserve'));
  await page.goto('/create/edit');
  await page.getByText('Load Template Directory').click();
  await expect(page.getByText('template.yaml').first()).toBeVisible();
  await fillNewModelService(page);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('Dry-run results')).toBeVisible();
  await expect(page.getByText('Result 1')).toBeVisible();
  await expect(page.getByText('catalog-info.yaml').last()).toBeVisible();
  await expect(page.getByText('monitoring').last()).toBeVisible();
  // Every step ran but the two that would create something, which a dry run skips.
  await page.getByRole('tab', { name: 'Log' }).click();
  for (const step of ['Write the service', 'Write the Model', 'Write the KServe manifests', 'Write the SLO rules', 'Create the repository', 'Add it to the catalog']) {
    await expect(page.getByText(step, { exact: true })).toBeVisible();
  }
  await expect(page.getByText('Skipped', { exact: true })).toHaveCount(2);
  await expect(page.getByText('Template result written to').first()).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'template-editor-dry-run.png') });
});
