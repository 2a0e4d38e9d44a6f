/**
 * What the screen says must be about the text there is: the stale picture is the last text that
 * parsed with no blocking error (a half-typed namespace is one), and after Ctrl+Z neither the
 * edit's summary nor an explanation nor a lesson speaks of the text undone.
 */
import { expect, test } from './fixtures';
import { ExplainPanel, LessonsTab } from './pages/Insight';
import { importWorkspace } from './support/app-state';
import { documents, workloadsOnly } from './support/build-visually';
import { scenario } from './support/scenarios';
import { LESSONS } from '../src/app/lessons/lessons';

const BACKEND_FLOW = 'metadata: {name: backend-0, namespace: project-snake, labels: {app: backend}}';
/** Scenario 05 with backend-0's namespace on a line of its own, where one types after it. */
const CKS = scenario('05-backend-egress-to-dbs').text.replace(
  BACKEND_FLOW,
  'metadata:\n  name: backend-0\n  namespace: project-snake\n  labels: {app: backend}',
);

const eks = scenario('01-eks-ui-egress');
const EKS_STEP_1 = [
  workloadsOnly(eks.text),
  documents(eks.text)
    .find((doc) => doc.includes('name: default-deny'))!
    .replace(/\s+$/, '\n'),
].join('---\n');

test('typing " oops: x: y" after a namespace: the half-typed namespace never becomes the last good picture', async ({
  page,
  canvas,
  yaml,
  problems,
}) => {
  expect(CKS).not.toContain(BACKEND_FLOW);
  await importWorkspace(page, CKS);
  await yaml.ready();
  await expect(canvas.node('ep:project-snake/backend-0')).toBeVisible();
  const line = CKS.split('\n').indexOf('  namespace: project-snake') + 1;
  await problems.open();

  // " oops" parses, but as a namespace no cluster can have: an error that blocks the picture.
  await yaml.typeAtEndOf(line, ' oops');
  await expect(
    problems.errors().filter({ hasText: 'namespace "project-snake oops" is invalid' }),
  ).toHaveCount(1);
  await expect(canvas.staleBanner).toContainText('Stale');
  await expect(canvas.node('ep:project-snake/backend-0')).toBeVisible();
  await expect(canvas.root.locator('.react-flow__node[data-id*="oops"]')).toHaveCount(0);

  // ": x: y" breaks the YAML; the picture kept is still the one from before " oops".
  await page.keyboard.type(': x: y');
  await expect(
    problems
      .errors()
      .filter({ hasText: /nested mappings|implicit|mapping/i })
      .first(),
  ).toBeVisible();
  await expect(canvas.staleBanner).toContainText('Stale');
  await expect(canvas.node('ep:project-snake/backend-0')).toBeVisible();
  await expect(canvas.root.locator('.react-flow__node[data-id*="oops"]')).toHaveCount(0);
});

test('Ctrl+Z after an allow: the summary goes and the explanation is asked again; undoing a lesson ends it', async ({
  page,
  builder,
  canvas,
  toolbar,
}) => {
  await importWorkspace(page, EKS_STEP_1);
  const explain = new ExplainPanel(page);
  await builder.drag('ep:ui/ui', 'ep:catalog/catalog');
  await builder.allow();
  await expect(builder.report).toContainText('Allows ui/ui -> catalog/catalog on TCP 8080.');
  await explain.ask('ui/ui', 'catalog/catalog', 8080);
  await expect(explain.explanation).toHaveAttribute('data-verdict', 'allow');

  await canvas.root.click({ position: { x: 400, y: 600 } });
  await page.keyboard.press('Control+Z');
  await expect(canvas.endpointEdge('ui/ui', 'catalog/catalog')).toHaveAttribute(
    'data-verdict',
    'deny-egress',
  );
  // Checked at once, not waited for: the summary would fade out on its own some seconds later.
  expect(await builder.report.isVisible()).toBe(false);
  await expect(explain.explanation).toHaveAttribute('data-verdict', 'deny-egress');
  await expect(explain.explanation).not.toContainText('Allows');

  // Redo: the explanation follows the text again.
  await page.keyboard.press('Control+Shift+Z');
  await expect(canvas.endpointEdge('ui/ui', 'catalog/catalog')).toHaveAttribute('data-verdict', 'allow');
  await expect(explain.explanation).toHaveAttribute('data-verdict', 'allow');

  // A lesson replaces the workspace; undoing it returns to one's own work, without the lesson.
  const lesson = LESSONS[0]!;
  const lessons = new LessonsTab(page);
  await lessons.open();
  await lessons.list.getByRole('button', { name: `Start the lesson ${lesson.title}` }).click();
  // The workspace holds the allow made above, so the app asks before replacing it.
  await page
    .getByRole('dialog', { name: 'Replace your workspace?' })
    .getByRole('button', { name: 'Replace' })
    .click();
  await expect(toolbar.documentName).toHaveText(`Lesson: ${lesson.title}`);
  await expect(lessons.lesson).toBeVisible();

  await canvas.root.click({ position: { x: 400, y: 600 } });
  await page.keyboard.press('Control+Z');
  await expect(canvas.node('ep:ui/ui')).toBeVisible();
  await expect(toolbar.documentName).not.toHaveText(`Lesson: ${lesson.title}`);
  await expect(lessons.lesson).toHaveCount(0);
  await expect(lessons.list).toBeVisible();
});
