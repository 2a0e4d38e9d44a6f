import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, loadWorkspace } from '../../engine';
import { LESSONS } from './lessons';
import { lessonStepText } from './lesson-text';

const example = (file: string) =>
  readFileSync(join(import.meta.dirname, '../../../public/examples', file), 'utf8');

describe('lessons', () => {
  it.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))(
    '%s: every step loads and its prediction can be evaluated',
    (_id, lesson) => {
      const scenario = example(lesson.scenario);
      for (const step of lesson.steps) {
        const workspace = loadWorkspace([
          { name: 'lesson.yaml', text: lessonStepText(scenario, step.policies) },
        ]);
        expect(workspace.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const present = [...workspace.cluster.policies, ...(workspace.cluster.tieredPolicies ?? [])];
        expect(present.map((p) => p.name).sort()).toEqual([...step.policies].sort());
        expect(workspace.cluster.tests).toEqual([]);
        const { from, to, port, protocol } = step.predict;
        expect(explain(workspace, from, to, port, protocol).ok).toBe(true);
      }
    },
  );

  it('the lesson steps change the verdict the learner predicts (03: open, then denied, then denied for others)', () => {
    const lesson = LESSONS.find((l) => l.id === 'ingress-default-deny')!;
    const verdicts = lesson.steps.map((step) => {
      const workspace = loadWorkspace([
        { name: 'l.yaml', text: lessonStepText(example(lesson.scenario), step.policies) },
      ]);
      const result = explain(
        workspace,
        step.predict.from,
        step.predict.to,
        step.predict.port,
        step.predict.protocol,
      );
      return result.ok ? result.flow.verdict : result.message;
    });
    expect(verdicts).toEqual(['allow-open', 'deny-ingress', 'deny-ingress']);
  });

  it('the tier lesson (07) walks a team allow, an Admin Deny over it, a Pass to the team, and Baseline', () => {
    const lesson = LESSONS.find((l) => l.id === 'cluster-tiers')!;
    const verdicts = lesson.steps.map((step) => {
      const workspace = loadWorkspace([
        { name: 'l.yaml', text: lessonStepText(example(lesson.scenario), step.policies) },
      ]);
      const { from, to, port, protocol } = step.predict;
      const result = explain(workspace, from, to, port, protocol);
      return result.ok ? result.flow.verdict : result.message;
    });
    expect(verdicts).toEqual(['allow', 'deny-ingress', 'deny-ingress', 'allow', 'deny-ingress', 'allow']);
  });

  it('keeps the kept documents byte for byte, comments included', () => {
    const scenario = example('03-frontend-backend-ingress.yaml');
    const text = lessonStepText(scenario, ['backend-ingress-deny', 'backend-allow-ingress-frontend']);
    // The ConnectivityTest is the last document, so what remains is exactly the text before it.
    expect(scenario.startsWith(text)).toBe(true);
    expect(text).toContain('# Ingress default-deny for a backend');
    expect(text).not.toContain('ConnectivityTest');
  });
});
