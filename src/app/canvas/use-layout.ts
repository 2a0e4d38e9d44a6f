import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { ViewModel } from '../model/view-model';
import { useAppStore } from '../store';
import { selectLayoutRequest, selectPositions } from '../store/selectors';
import { autoLayout, FIT_VIEW_OPTIONS, placeNewNodes, type Positions } from './layout';

function hasAnyPlaced(model: ViewModel, positions: Positions): boolean {
  return model.namespaces.some((ns) => positions[ns.nodeId]) || model.externals.some((ext) => positions[ext.nodeId]);
}

/**
 * Keeps every node of the model placed: a full automatic layout for a new workspace (or on
 * request), otherwise only new nodes get a place. Returns the positions to draw with.
 */
export function useLayout(model: ViewModel | null): { positions: Positions; ready: boolean } {
  const positions = useAppStore(selectPositions);
  const layoutRequest = useAppStore(selectLayoutRequest);
  const { fitView } = useReactFlow();
  const ready = model !== null && hasAnyPlaced(model, positions);

  useEffect(() => {
    if (!model || (model.namespaces.length === 0 && model.externals.length === 0)) return;
    const { setPositions } = useAppStore.getState();
    if (!hasAnyPlaced(model, positions)) {
      let cancelled = false;
      void autoLayout(model).then((laid) => {
        if (cancelled) return;
        setPositions(laid);
        // Wait a frame so React Flow has the new nodes before framing them.
        requestAnimationFrame(() => void fitView({ ...FIT_VIEW_OPTIONS, duration: 200 }));
      });
      return () => {
        cancelled = true;
      };
    }
    const placed = placeNewNodes(model, positions);
    if (placed) setPositions(placed);
    return undefined;
  }, [model, positions, layoutRequest, fitView]);

  return { positions, ready };
}
