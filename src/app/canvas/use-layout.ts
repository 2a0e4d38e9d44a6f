import { useEffect, useRef, useState } from 'react';
import { warmUpLayout } from './layout-client';
import { useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { namespaceNodeId } from '../model/ids';
import type { ViewModel } from '../model/view-model';
import { useAppStore } from '../store';
import { selectLayoutRequest, selectPositions } from '../store/selectors';
import { autoLayout, FIT_MARGINS, FIT_VIEW_OPTIONS, placeNewNodes, type Positions } from './layout';

function hasAnyPlaced(model: ViewModel, positions: Positions): boolean {
  return (
    model.namespaces.some((ns) => positions[ns.nodeId]) ||
    model.externals.some((ext) => positions[ext.nodeId])
  );
}

/**
 * Keeps every node of the model placed: a full automatic layout for a new workspace (or on
 * request), otherwise only new nodes get a place. Returns the positions to draw with.
 */
export function useLayout(model: ViewModel | null): { positions: Positions; ready: boolean } {
  /** Frame the whole graph (`nodes` absent) or the namespaces just opened or closed. */
  const [fitRequest, setFitRequest] = useState<{ nodes?: string[] } | null>(null);
  const positions = useAppStore(selectPositions);
  const layoutRequest = useAppStore(selectLayoutRequest);
  const { fitView } = useReactFlow();
  const flowStore = useStoreApi();
  // The layout is shaped for the view it fills: it waits until the view has a size, so the same
  // workspace gets the same picture however fast the page came up.
  const measured = useStore((s) => s.width > FIT_MARGINS.width && s.height > FIT_MARGINS.height);
  const ready = model !== null && hasAnyPlaced(model, positions);
  // Opening or closing a namespace of a big workspace changes box sizes everywhere: lay out anew.
  const expandedKey = model?.summary ? model.summary.expanded.join('\n') : null;
  const laidOutFor = useRef<string | null>(null);
  /** The full layout under way, by what asked for it; answers that were overtaken are dropped. */
  const running = useRef<string | null>(null);

  useEffect(warmUpLayout, []);

  useEffect(() => {
    if (!model || !measured || (model.namespaces.length === 0 && model.externals.length === 0)) return;
    const { setPositions } = useAppStore.getState();
    const expansionChanged =
      expandedKey !== null && laidOutFor.current !== null && laidOutFor.current !== expandedKey;
    if (!hasAnyPlaced(model, positions) || expansionChanged) {
      const key = `${layoutRequest}|${expandedKey ?? ''}`;
      // A newer answer of the engine (lint findings, a keystroke) does not restart a layout in progress.
      if (running.current === key) return;
      running.current = key;
      // The shape of the view the layout fills (what Fit View frames).
      const { width, height } = flowStore.getState();
      const aspect = (width - FIT_MARGINS.width) / (height - FIT_MARGINS.height);
      void autoLayout(model, aspect).then((laid) => {
        // Overtaken by another layout, or by a replaced workspace (a new request): the previous
        // workspace's positions would keep the new one from being laid out and framed.
        if (running.current !== key || useAppStore.getState().layoutRequest !== layoutRequest) return;
        running.current = null;
        const before = new Set(laidOutFor.current?.split('\n') ?? []);
        const after = new Set(expandedKey?.split('\n') ?? []);
        const toggled = [...before, ...after].filter((name) => name && before.has(name) !== after.has(name));
        laidOutFor.current = expandedKey;
        setPositions(laid);
        // After opening or closing a namespace, keep the eyes on it rather than on everything.
        setFitRequest(expansionChanged && toggled.length ? { nodes: toggled.map(namespaceNodeId) } : {});
      });
      return;
    }
    laidOutFor.current = expandedKey;
    const placed = placeNewNodes(model, positions);
    if (placed) setPositions(placed);
  }, [model, measured, positions, layoutRequest, expandedKey, flowStore]);

  // Frames a new layout once React Flow holds its nodes: its own effects, which take them in,
  // run before this one (they belong to a child of the component using this hook). A whole new
  // layout is framed at once: an animated fly-in stops where it is at the first click on the
  // canvas (d3-zoom interrupts it), which on a busy machine left the graph half outside the view.
  // Opening or closing a namespace glides, so the eye can follow where it went.
  useEffect(() => {
    if (fitRequest)
      void fitView({
        ...FIT_VIEW_OPTIONS,
        ...(fitRequest.nodes ? { nodes: fitRequest.nodes.map((id) => ({ id })), duration: 200 } : {}),
      });
  }, [fitRequest, fitView]);

  return { positions, ready };
}
