import { useEffect, useState } from 'react';
import { importFlowLogs, isFlowLog } from '../../observed/commands';
import { useAppStore } from '../../store';
import { importFiles } from '../../workspace/commands';
import './DropOverlay.css';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Flow logs among the dropped files join the observed traffic; the rest replace the workspace. */
async function importDropped(files: File[]): Promise<void> {
  const isLog = await Promise.all(files.map(isFlowLog));
  const logs = files.filter((_, i) => isLog[i]);
  const manifests = files.filter((_, i) => !isLog[i]);
  if (logs.length) {
    importFlowLogs(logs.map((file) => ({ name: file.name, data: file })));
    useAppStore.getState().openDrawer('observed');
  }
  if (manifests.length) await importFiles(manifests);
}

/**
 * Files dropped anywhere on the window are imported (after a confirmation if work would be lost);
 * flow logs are added to the workspace's observed traffic instead.
 */
export function DropOverlay() {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setActive(true);
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const over = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setActive(false);
      if (event.dataTransfer?.files.length) void importDropped([...event.dataTransfer.files]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        Drop YAML or JSON files to import them, or a flow log to replay it
      </div>
    </div>
  );
}
