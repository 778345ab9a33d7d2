import { expect, type Page, test } from '@playwright/test';
import path from 'node:path';

const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('a guest finds a model through the catalog kind filter and reads its model card', async ({ page }) => {
  await signInAsGuest(page);

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
  await expect(page.getByText('Medium risk')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Evaluation metrics' }).getByText('auc', { exact: true })).toBeVisible();
  await expect(page.getByText('Served by')).toBeVisible();
  await expect(page.getByRole('link', { name: 'churn-service' }).first()).toBeVisible();
  await expect(page.locator('svg text').getByText('churn-features-v3', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Service level objectives' }).getByText('99.9%')).toBeVisible();
  // The page scrolls inside its own container, so a tall viewport rather than fullPage shows every card.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.screenshot({ path: path.join(screenshots, 'model-page.png') });
});

test('a promotion requested by one user is approved by another in the Registry tab, never by its requester', async ({ page }) => {
  // The demo registry is seeded with Jane's request to promote 1.1.0 to staging; the guest is Luis of the same team.
  await signInAsGuest(page);
  await page.goto('/catalog/default/model/churn-classifier/registry');

  const strip = page.getByRole('list', { name: 'Environments' });
  await expect(strip.getByRole('listitem', { name: 'staging' }).getByText('1.0.0', { exact: true })).toBeVisible();
  const janesRequest = page.getByRole('listitem', { name: 'Promotion of 1.1.0 to staging' });
  await expect(janesRequest.getByText(/Requested by jane\.doe/)).toBeVisible();

  await janesRequest.getByRole('button', { name: 'Approve' }).click();
  await expect(strip.getByRole('listitem', { name: 'staging' }).getByText('1.1.0', { exact: true })).toBeVisible();
  await expect(janesRequest).toHaveCount(0);
  await expect(page.getByText('luis.ortega promoted 1.1.0 to staging')).toBeVisible();

  await page.getByRole('row').filter({ hasText: '1.1.0' }).getByRole('button', { name: 'Promote to prod' }).click();
  const luisRequest = page.getByRole('listitem', { name: 'Promotion of 1.1.0 to prod' });
  await expect(luisRequest.getByText(/^Separation of duties: user:default\/luis\.ortega requested this promotion/)).toBeVisible();
  await expect(luisRequest.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.screenshot({ path: path.join(screenshots, 'registry-tab.png') });
});
