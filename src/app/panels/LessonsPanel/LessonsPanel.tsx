import { leaveLesson, nextStep, predict, startLesson } from '../../insight/commands';
import { LESSONS, type Lesson } from '../../lessons/lessons';
import type { LessonProgress } from '../../store';
import { useAppStore, useShallow, type AppState } from '../../store';
import { isDenied } from '../../model/verdicts';
import { Explanation } from '../Explanation/Explanation';
import './LessonsPanel.css';

const selectLesson = (s: AppState) => ({ progress: s.lesson, origin: s.origin });

function LessonList() {
  return (
    <ul className="lessons__list" data-testid="lesson-list">
      {LESSONS.map((lesson) => (
        <li key={lesson.id} className="lessons__item">
          <div>
            <strong>{lesson.title}</strong>
            <span className="lessons__meta">
              {lesson.steps.length} steps · {lesson.scenario.replace(/\.yaml$/, '')}
            </span>
          </div>
          <button
            type="button"
            className="mini-button mini-button--primary"
            onClick={() => void startLesson(lesson)}
            aria-label={`Start the lesson ${lesson.title}`}
          >
            Start
          </button>
        </li>
      ))}
    </ul>
  );
}

function ActiveLesson({ lesson, progress }: { lesson: Lesson; progress: LessonProgress }) {
  const step = lesson.steps[progress.step]!;
  const last = progress.step === lesson.steps.length - 1;
  const { from, to, port, protocol } = step.predict;
  const explanation = progress.explanation;
  const actual = explanation?.ok ? (isDenied(explanation.verdict) ? 'deny' : 'allow') : null;
  return (
    <div
      className="lessons__active"
      data-testid="lesson"
      data-step={progress.step + 1}
      data-phase={progress.phase}
    >
      <header className="lessons__head">
        <h3>{lesson.title}</h3>
        <span className="lessons__progress" data-testid="lesson-progress">
          Step {progress.step + 1} of {lesson.steps.length}
        </span>
        <button type="button" className="link-button" onClick={leaveLesson}>
          All lessons
        </button>
      </header>
      <div className="lessons__columns">
        <div className="lessons__main">
          <h4 className="lessons__step-title">{step.title}</h4>
          <p>{step.text}</p>
          <p className="lessons__question" data-testid="lesson-question">
            Can <code>{from}</code> reach <code>{to}</code> on <code>{`${protocol} ${port}`}</code>?
          </p>
          {progress.phase === 'predict' ? (
            <div className="lessons__buttons" role="group" aria-label="Your prediction">
              <button type="button" className="button" onClick={() => void predict('allow')}>
                Allowed
              </button>
              <button type="button" className="button" onClick={() => void predict('deny')}>
                Denied
              </button>
            </div>
          ) : (
            <>
              {!explanation && <p className="lessons__meta">Asking the engine…</p>}
              {explanation && actual && (
                <p
                  className={`lessons__outcome lessons__outcome--${actual === progress.prediction ? 'right' : 'wrong'}`}
                  data-testid="lesson-outcome"
                >
                  {actual === progress.prediction ? '✓ Right' : '✕ Not quite'}: you said{' '}
                  {progress.prediction === 'allow' ? 'allowed' : 'denied'}, and the engine says{' '}
                  {actual === 'allow' ? 'allowed' : 'denied'}.
                </p>
              )}
              {explanation && (
                <p className="lessons__takeaway" data-testid="lesson-takeaway">
                  <strong>Takeaway:</strong> {step.takeaway}
                </p>
              )}
              <div className="lessons__buttons">
                {last ? (
                  <>
                    <span className="lessons__done" data-testid="lesson-done">
                      Lesson complete.
                    </span>
                    <button type="button" className="button button--primary" onClick={leaveLesson}>
                      Finish
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() => void nextStep()}
                    disabled={!explanation}
                  >
                    Next step
                  </button>
                )}
              </div>
            </>
          )}
        </div>
        {progress.phase === 'revealed' && (
          <div className="lessons__why" data-testid="lesson-reveal">
            {explanation ? <Explanation explanation={explanation} /> : <p className="lessons__meta">…</p>}
          </div>
        )}
      </div>
    </div>
  );
}

/** Guided lessons: each step shows a policy set, asks for a prediction, then reveals the engine's verdict and why. */
export function LessonsPanel() {
  const { progress, origin } = useAppStore(useShallow(selectLesson));
  const lesson =
    progress && progress.origin === origin ? LESSONS.find((l) => l.id === progress.lessonId) : undefined;
  return (
    <div className="lessons" data-testid="lessons">
      {lesson && progress ? <ActiveLesson lesson={lesson} progress={progress} /> : <LessonList />}
    </div>
  );
}
