import { explain, loadWorkspace, isAllowed } from '../src/engine';
import { lessonStepText } from '../src/app/lessons/lesson-text';
import { LESSONS } from '../src/app/lessons/lessons';
import { test as base, expect } from './fixtures';
import { LessonsTab } from './pages/Insight';
import { scenarios } from './support/scenarios';

const test = base.extend<{ lessons: LessonsTab }>({
  lessons: async ({ page }, use) => use(new LessonsTab(page)),
});

const lesson = LESSONS.find((l) => l.id === 'ingress-default-deny')!;
const scenarioText = scenarios().find((s) => s.file === lesson.scenario)!.text;

/** What the engine, in Node, says about a step's flow: the lesson must reveal the same. */
function expectedVerdict(step: number) {
  const { predict, policies } = lesson.steps[step]!;
  const workspace = loadWorkspace([{ name: 'workspace.yaml', text: lessonStepText(scenarioText, policies) }]);
  const result = explain(workspace, predict.from, predict.to, predict.port, predict.protocol);
  if (!result.ok) throw new Error(result.message);
  return result.flow.verdict;
}

test('a lesson end to end: asks before replacing edited work, then predict, reveal, next, until the end', async ({
  page,
  canvas,
  yaml,
  toolbar,
  lessons,
}) => {
  await page.goto('/');
  // The first visit fetches the default example and the layout engine: allow for a busy machine.
  await expect(canvas.root.locator('.react-flow__node').first()).toBeVisible({ timeout: 20_000 });
  await yaml.ready();
  // Unsaved work: starting a lesson must ask first.
  await yaml.typeAtEndOf(1, ' # my note');

  await lessons.open();
  await lessons.list.getByRole('button', { name: `Start the lesson ${lesson.title}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace your workspace?' });
  await expect(dialog).toContainText(lesson.title);
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(toolbar.documentName).toHaveText(`Lesson: ${lesson.title}`);

  for (let step = 0; step < lesson.steps.length; step++) {
    const { predict, takeaway } = lesson.steps[step]!;
    await expect(lessons.lesson).toHaveAttribute('data-step', String(step + 1));
    await expect(lessons.lesson.getByTestId('lesson-progress')).toHaveText(
      `Step ${step + 1} of ${lesson.steps.length}`,
    );
    await expect(lessons.lesson.getByTestId('lesson-question')).toContainText(`${predict.from}`);
    // The canvas shows this step's policies: the step's own flow has the engine's verdict for them.
    const verdict = expectedVerdict(step);
    const edge = canvas.endpointEdge(predict.from, predict.to);
    await expect(edge).toHaveAttribute(
      'data-verdict',
      new RegExp(`^${verdict.startsWith('allow') ? 'allow' : 'deny'}`),
    );

    // Predict one way on even steps and the other on odd ones; the engine decides who was right.
    const guess = step % 2 === 0 ? 'allow' : 'deny';
    await lessons.lesson.getByRole('button', { name: guess === 'allow' ? 'Allowed' : 'Denied' }).click();
    const reveal = lessons.lesson.getByTestId('lesson-reveal');
    await expect(reveal.getByTestId('explanation')).toHaveAttribute('data-verdict', verdict);
    const right = isAllowed(verdict) === (guess === 'allow');
    await expect(lessons.lesson.getByTestId('lesson-outcome')).toContainText(right ? 'Right' : 'Not quite');
    await expect(lessons.lesson.getByTestId('lesson-takeaway')).toContainText(takeaway);
    // The flow is highlighted on the canvas: its edge is selected and the inspector explains it.
    await expect(page.getByTestId('inspector')).toContainText(`${predict.from} → ${predict.to}`);

    if (step < lesson.steps.length - 1)
      await lessons.lesson.getByRole('button', { name: 'Next step' }).click();
  }
  await expect(lessons.lesson.getByTestId('lesson-done')).toBeVisible();
  await lessons.lesson.getByRole('button', { name: 'Finish' }).click();
  await expect(lessons.list).toBeVisible();
});
