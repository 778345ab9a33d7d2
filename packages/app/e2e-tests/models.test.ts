import { expect, type Page, test } from '@playwright/test';
import path from 'node:path';

const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('a guest finds a model through the catalog kind filter and reads its model card', async ({ page }) => {
  await signInAsGuest(page);

  await page.getByRole('button', { name: /^Kind/ }).first().click();
  await page.getByRole('option', { name: 'Model' }).click();
  await expect(page).toHaveURL(/filters%5Bkind%5D=model|filters\[kind\]=model/);

  const row = page.getByRole('row').filter({ hasText: 'churn-classifier' });
  await expect(row).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'fraud-detector' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'catalog-models.png') });

  await row.getByRole('link', { name: /churn-classifier/i }).first().click();
  await expect(page.getByRole('heading', { name: /churn/i }).first()).toBeVisible();
  await expect(page.getByText('Model card', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Intended use')).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'model-page.png'), fullPage: true });
});
