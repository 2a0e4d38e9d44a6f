import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './index';

const reset = () =>
  useAppStore.setState({
    text: '',
    namespace: 'default',
    modified: false,
    origin: { kind: 'scratch' },
    pendingReplace: null,
    notice: null,
    past: [],
    future: [],
  });

const share = (text: string, namespace: string) =>
  useAppStore
    .getState()
    .requestReplace({ label: 'the shared workspace', origin: { kind: 'shared' }, namespace }, text);

describe('opening a shared workspace', () => {
  beforeEach(reset);

  it('opens at once over an empty or unedited workspace, with its namespace', () => {
    useAppStore.getState().replaceWorkspace('kind: Namespace\n', { kind: 'example', id: 'x', title: 'X' });
    share('kind: Pod\n', 'team-a');
    expect(useAppStore.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-a',
      origin: { kind: 'shared' },
      modified: false,
      pendingReplace: null,
    });
  });

  it('asks before replacing edited work; cancel keeps it, confirm replaces it as one undo step', () => {
    useAppStore.getState().editText('# mine\n');
    share('kind: Pod\n', 'team-a');
    expect(useAppStore.getState()).toMatchObject({
      text: '# mine\n',
      namespace: 'default',
      pendingReplace: { text: 'kind: Pod\n', source: { origin: { kind: 'shared' }, namespace: 'team-a' } },
    });
    useAppStore.getState().cancelReplace();
    expect(useAppStore.getState()).toMatchObject({ text: '# mine\n', pendingReplace: null });

    share('kind: Pod\n', 'team-a');
    useAppStore.getState().confirmReplace();
    expect(useAppStore.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-a',
      pendingReplace: null,
    });
    expect(useAppStore.getState().origin).toEqual({ kind: 'shared' });
    useAppStore.getState().undo();
    // Back to one's own work, and to where it came from: nothing of the shared one stays.
    expect(useAppStore.getState()).toMatchObject({ text: '# mine\n', origin: { kind: 'scratch' } });
    useAppStore.getState().redo();
    expect(useAppStore.getState()).toMatchObject({ text: 'kind: Pod\n', origin: { kind: 'shared' } });
  });

  it('does nothing when the link holds the workspace as it is', () => {
    useAppStore.getState().editText('# mine\n');
    share('# mine\n', 'default');
    expect(useAppStore.getState()).toMatchObject({ text: '# mine\n', modified: true, pendingReplace: null });
  });

  it('asks the same way before an import or an example replaces edited work, keeping the namespace', () => {
    useAppStore.getState().setNamespace('team-b');
    useAppStore.getState().editText('# mine\n');
    const example = { kind: 'example' as const, id: 'x', title: 'X' };
    useAppStore.getState().requestReplace({ label: 'the example “X”', origin: example }, 'kind: Pod\n');
    expect(useAppStore.getState()).toMatchObject({
      text: '# mine\n',
      pendingReplace: { text: 'kind: Pod\n' },
    });
    useAppStore.getState().confirmReplace();
    expect(useAppStore.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-b',
      origin: example,
      modified: false,
      pendingReplace: null,
    });
    // Unedited now: the next one replaces it at once.
    useAppStore
      .getState()
      .requestReplace({ label: 'a.yaml', origin: { kind: 'import', name: 'a.yaml' } }, 'kind: Service\n');
    expect(useAppStore.getState()).toMatchObject({ text: 'kind: Service\n', pendingReplace: null });
  });

  it('numbers notices so that the same message twice is shown twice', () => {
    useAppStore.getState().showNotice('error', 'nope');
    const first = useAppStore.getState().notice!.id;
    useAppStore.getState().showNotice('error', 'nope');
    expect(useAppStore.getState().notice!.id).toBe(first + 1);
    useAppStore.getState().dismissNotice();
    expect(useAppStore.getState().notice).toBeNull();
  });
});
