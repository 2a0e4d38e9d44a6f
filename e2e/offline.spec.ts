import { expect, test } from './fixtures';
import { scenario } from './support/scenarios';

test('no request leaves the app’s origin while loading, switching examples and typing', async ({
  page,
  baseURL,
  toolbar,
  canvas,
  yaml,
  flows,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await page.goto('/');
  await canvas.waitForGraph();
  await yaml.ready();

  const webApiDb = scenario('04-web-api-db');
  await toolbar.loadExample(webApiDb.title);
  await expect(flows.row({ from: 'prod/api', to: 'prod/db', port: 3306 })).toHaveAttribute(
    'data-verdict',
    'allow',
  );

  // Typing wakes Monaco's workers (YAML language service, completion) and the engine worker.
  await yaml.typeAtEndOf(1, ' edited');
  await page.keyboard.press('Enter');
  await page.keyboard.type('# a comment');
  await page.keyboard.press('Control+Space');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);

  expect(requests.length).toBeGreaterThan(0);
  const foreign = requests.filter(
    (url) => !url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:'),
  );
  expect(foreign).toEqual([]);
});
