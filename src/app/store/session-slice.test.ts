import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from './create-app-store';

let store: AppStore;

const share = (text: string, namespace: string) =>
  store
    .getState()
    .requestReplace({ label: 'the shared workspace', origin: { kind: 'shared' }, namespace }, text);

describe('opening a shared workspace', () => {
  beforeEach(() => {
    store = createAppStore();
  });

  it('opens at once over an empty or unedited workspace, with its namespace', () => {
    store.getState().replaceWorkspace('kind: Namespace\n', { kind: 'example', id: 'x', title: 'X' });
    share('kind: Pod\n', 'team-a');
    expect(store.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-a',
      origin: { kind: 'shared' },
      modified: false,
      pendingReplace: null,
    });
  });

  it('asks before replacing edited work; cancel keeps it, confirm replaces it as one undo step', () => {
    store.getState().editText([{ file: 'workspace.yaml', start: 0, end: 0, text: '# mine\n' }]);
    share('kind: Pod\n', 'team-a');
    expect(store.getState()).toMatchObject({
      text: '# mine\n',
      namespace: 'default',
      pendingReplace: { text: 'kind: Pod\n', source: { origin: { kind: 'shared' }, namespace: 'team-a' } },
    });
    store.getState().cancelReplace();
    expect(store.getState()).toMatchObject({ text: '# mine\n', pendingReplace: null });

    share('kind: Pod\n', 'team-a');
    store.getState().confirmReplace();
    expect(store.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-a',
      pendingReplace: null,
    });
    expect(store.getState().origin).toEqual({ kind: 'shared' });
    store.getState().undo();
    // Back to one's own work, and to where it came from: nothing of the shared one stays.
    expect(store.getState()).toMatchObject({ text: '# mine\n', origin: { kind: 'scratch' } });
    store.getState().redo();
    expect(store.getState()).toMatchObject({ text: 'kind: Pod\n', origin: { kind: 'shared' } });
  });

  it('does nothing when the link holds the workspace as it is', () => {
    store.getState().editText([{ file: 'workspace.yaml', start: 0, end: 0, text: '# mine\n' }]);
    share('# mine\n', 'default');
    expect(store.getState()).toMatchObject({ text: '# mine\n', modified: true, pendingReplace: null });
  });

  it('asks the same way before an import or an example replaces edited work, keeping the namespace', () => {
    store.getState().setNamespace('team-b');
    store.getState().editText([{ file: 'workspace.yaml', start: 0, end: 0, text: '# mine\n' }]);
    const example = { kind: 'example' as const, id: 'x', title: 'X' };
    store.getState().requestReplace({ label: 'the example “X”', origin: example }, 'kind: Pod\n');
    expect(store.getState()).toMatchObject({
      text: '# mine\n',
      pendingReplace: { text: 'kind: Pod\n' },
    });
    store.getState().confirmReplace();
    expect(store.getState()).toMatchObject({
      text: 'kind: Pod\n',
      namespace: 'team-b',
      origin: example,
      modified: false,
      pendingReplace: null,
    });
    // Unedited now: the next one replaces it at once.
    store
      .getState()
      .requestReplace({ label: 'a.yaml', origin: { kind: 'import', name: 'a.yaml' } }, 'kind: Service\n');
    expect(store.getState()).toMatchObject({ text: 'kind: Service\n', pendingReplace: null });
  });

  it('numbers notices so that the same message twice is shown twice', () => {
    store.getState().showNotice('error', 'nope');
    const first = store.getState().notice!.id;
    store.getState().showNotice('error', 'nope');
    expect(store.getState().notice!.id).toBe(first + 1);
    store.getState().dismissNotice();
    expect(store.getState().notice).toBeNull();
  });
});

describe('replacing the workspace', () => {
  it('resets the view in the same change as the text, so that the old text is not evaluated again', () => {
    store = createAppStore();
    store.getState().replaceWorkspace('kind: Namespace\n', { kind: 'example', id: 'x', title: 'X' });
    store.getState().toggleNamespace('shop');
    const viewWithoutText: string[] = [];
    store.subscribe((state, previous) => {
      if (state.expanded !== previous.expanded && state.textVersion === previous.textVersion)
        viewWithoutText.push(state.text);
    });
    store.getState().replaceWorkspace('kind: Pod\n', { kind: 'import', name: 'dump.yaml' });
    expect(viewWithoutText).toEqual([]);
    expect(store.getState()).toMatchObject({ text: 'kind: Pod\n', expanded: [], selection: null });
  });
});
