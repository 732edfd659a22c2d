// Walks through the operations console in headless Chromium as an operator would: signs in, finds the dead
// (state failed: out of retries) delivery of one subject, waits until the test has fixed the receiver, retries the delivery and waits for it
// to be delivered, then opens a learner's progress. Screenshots go to SCREENSHOTS.
//
// Talks to the Java test over stdio: prints "DEAD <delivery page URL>" once the dead delivery is on screen,
// then waits for a line on stdin before it clicks retry; prints "DONE" at the end. Any failure exits non-zero
// with the reason and a screenshot of the page as it was.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const settings = Object.fromEntries(['CONSOLE_URL', 'ADMIN_TOKEN', 'SUBJECT', 'LEARNER', 'CHANNEL', 'CONTENT',
  'SCREENSHOTS', 'CHROMIUM'].map((name) => {
  if (!process.env[name]) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return [name, process.env[name]];
}));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const browser = await chromium.launch({
  executablePath: settings.CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(15000);
const shot = (name) => page.screenshot({ path: join(settings.SCREENSHOTS, `${name}.png`), fullPage: true });

try {
  await page.goto(settings.CONSOLE_URL + '/');
  await page.locator('#sign-in-form').waitFor();
  await page.fill('#token', settings.ADMIN_TOKEN);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('#sign-in')]);
  await page.locator('main h1').waitFor();
  await shot('overview');

  await page.goto(settings.CONSOLE_URL + '/deliveries');
  await page.selectOption('#status', 'failed');
  await page.fill('#subject', settings.SUBJECT);
  await Promise.all([page.waitForURL(/status=failed/), page.click('#apply-filters')]);
  // The receiver refuses every attempt; the delivery is listed once its last retry failed.
  const link = page.locator('#deliveries tbody tr th a').first();
  await reloadUntilListed(link, `a failed delivery of ${settings.SUBJECT}`);
  await Promise.all([page.waitForURL(/\/deliveries\/\d+$/), link.click()]);
  await expectText('#delivery-state', 'failed');
  console.log(`DEAD ${page.url()}`);

  await lines.next();
  await Promise.all([page.waitForLoadState('load'), page.click('#retry')]);
  await page.locator('#retried').waitFor();
  const deliveryUrl = page.url().replace(/\?.*$/, '');
  const deadline = Date.now() + 60000;
  while ((await page.locator('#delivery-state').textContent()).trim() !== 'delivered') {
    if (Date.now() > deadline) {
      throw new Error('the retried delivery was not delivered within 60 s');
    }
    await page.waitForTimeout(500);
    await page.goto(deliveryUrl);
  }
  await page.locator('#attempts').waitFor();
  await shot('delivery');

  await page.goto(settings.CONSOLE_URL + '/learners');
  await page.fill('#clientUserId', settings.LEARNER);
  await page.fill('#channel', settings.CHANNEL);
  await page.fill('#mediaContentKey', settings.CONTENT);
  await Promise.all([page.waitForURL(/clientUserId=/), page.click('#apply-filters')]);
  const learner = page.locator(`a[href*="${encodeURIComponent(settings.LEARNER)}"]`).first();
  await reloadUntilListed(learner, `the progress of ${settings.LEARNER}`);
  await learner.click();
  await page.locator('#block-map').waitFor();
  await shot('learner');
  console.log(`LEARNER ${(await page.locator('#percent').textContent()).trim()}`);
  console.log('DONE');
} catch (error) {
  await shot('failure').catch(() => {});
  console.error(`walkthrough failed at ${page.url()}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  process.exit();
}

async function expectText(selector, expected) {
  const actual = (await page.locator(selector).textContent()).trim();
  if (actual !== expected) {
    throw new Error(`${selector} shows "${actual}", expected "${expected}"`);
  }
}

// Lists show what the services hold when the page is loaded: reload, as an operator would, until it is there.
async function reloadUntilListed(locator, what) {
  const deadline = Date.now() + 60000;
  while (await locator.count() === 0) {
    if (Date.now() > deadline) {
      throw new Error(`${what} was not listed within 60 s`);
    }
    await page.waitForTimeout(500);
    await page.reload();
  }
}
