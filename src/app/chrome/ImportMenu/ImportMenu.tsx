import type { ChangeEvent } from 'react';
import { useAppStore } from '../../store';
import { COMMANDS } from '../../commands/commands';
import { IMPORT_INPUT_ID, importFiles } from '../../workspace/commands';
import { openFlowLogPicker } from '../../panels/ObservedPanel/ObservedPanel';
import { useObservedStore } from '../../store/observed-store';
import { Menu } from '../Menu/Menu';

function onFiles(event: ChangeEvent<HTMLInputElement>) {
  const input = event.currentTarget;
  if (input.files?.length) void importFiles(input.files);
  // Picking the same file again must fire a change too.
  input.value = '';
}

/** Open files (many at once), or paste YAML; dropping files anywhere on the window works too. */
export function ImportMenu() {
  return (
    <>
      <input
        id={IMPORT_INPUT_ID}
        data-testid="import-file"
        type="file"
        multiple
        accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Import manifests from files"
        onChange={onFiles}
      />
      <Menu
        label="Import"
        testId="import-menu"
        items={[
          {
            key: 'files',
            label: 'Open files…',
            description: 'YAML or JSON manifests; several files become one workspace',
            onSelect: () => COMMANDS.importFiles.perform(useAppStore.getState()),
          },
          {
            key: 'paste',
            label: 'Paste YAML…',
            description: 'From kubectl get -o yaml, a chart’s output, anything',
            onSelect: () => COMMANDS.pasteYaml.perform(useAppStore.getState()),
          },
          {
            key: 'flows',
            label: 'Import flow log…',
            description:
              'hubble observe -o json, or a from,to,port,protocol CSV: what real traffic the policies allow',
            onSelect: () => {
              useAppStore.getState().openDrawer('observed');
              openFlowLogPicker();
            },
          },
          {
            key: 'paste-flows',
            label: 'Paste flow log…',
            description: 'Hubble JSON lines or CSV, added to the workspace’s observed traffic',
            onSelect: () => {
              useAppStore.getState().openDrawer('observed');
              useObservedStore.setState({ pasteOpen: true });
            },
          },
        ]}
        footer="Tip: drop files anywhere on the window."
      />
    </>
  );
}
