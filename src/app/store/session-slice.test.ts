import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './index';

const reset = () =>
  useAppStore.setState({
    text: '',
    namespace: 'default',
    modified: false,
    origin: { kind: 'scratch' },
    pendingShare: null,
    notice: null,
    past: [],
    future: [],
  });

describe('opening a shared workspace', () => {
  beforeEach(reset);

  it('opens at once over an empty or unedited workspace, with its namespace', () => {
    useAppStore.getState().replaceWorkspace('kind: Namespace\n', { kind: 'example', id: 'x', title: 'X' });
    useAppStore.getState().offerShare({ text: 'kind: Pod\n', namespace: 'team-a' });
    expect(useAppStore.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-a',
      origin: { kind: 'shared' },
      modified: false,
      pendingShare: null,
    });
  });

  it('asks before replacing edited work; cancel keeps it, confirm replaces it as one undo step', () => {
    useAppStore.getState().editText([{ file: 'workspace.yaml', start: 0, end: 0, text: '# mine\n' }]);
    useAppStore.getState().offerShare({ text: 'kind: Pod\n', namespace: 'team-a' });
    expect(useAppStore.getState()).toMatchObject({
      text: '# mine\n',
      namespace: 'default',
      pendingShare: { text: 'kind: Pod\n' },
    });
    useAppStore.getState().cancelShare();
    expect(useAppStore.getState()).toMatchObject({ text: '# mine\n', pendingShare: null });

    useAppStore.getState().offerShare({ text: 'kind: Pod\n', namespace: 'team-a' });
    useAppStore.getState().confirmShare();
    expect(useAppStore.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-a',
      pendingShare: null,
    });
    expect(useAppStore.getState().origin).toEqual({ kind: 'shared' });
    useAppStore.getState().undo();
    // Back to one's own work, and to where it came from: nothing of the shared one stays.
    expect(useAppStore.getState()).toMatchObject({ text: '# mine\n', origin: { kind: 'scratch' } });
    useAppStore.getState().redo();
    expect(useAppStore.getState()).toMatchObject({ text: 'kind: Pod\n', origin: { kind: 'shared' } });
  });

  it('does nothing when the link holds the workspace as it is', () => {
    useAppStore.getState().editText([{ file: 'workspace.yaml', start: 0, end: 0, text: '# mine\n' }]);
    useAppStore.getState().offerShare({ text: '# mine\n', namespace: 'default' });
    expect(useAppStore.getState()).toMatchObject({ text: '# mine\n', modified: true, pendingShare: null });
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
