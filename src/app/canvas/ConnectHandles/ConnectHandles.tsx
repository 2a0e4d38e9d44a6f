import { Handle, Position, useConnection } from '@xyflow/react';
import './ConnectHandles.css';

const selectConnecting = (connection: { inProgress: boolean; fromNode?: { id: string } | null }) =>
  connection.inProgress ? (connection.fromNode?.id ?? '') : null;

/**
 * Drag from the dot to another node to allow a flow. While a connection is drawn, every other
 * node is one big drop target (a handle covering it), so the drop need not hit a small dot.
 */
export function ConnectHandles({ nodeId, name }: { nodeId: string; name: string }) {
  const from = useConnection(selectConnecting);
  const isTarget = from !== null && from !== nodeId;
  return (
    <>
      <Handle
        type="target"
        position={Position.Left}
        isConnectableStart={false}
        isConnectableEnd
        className={`connect-target${isTarget ? ' is-active' : ''}`}
        data-testid="connect-target"
      />
      <Handle
        type="source"
        position={Position.Right}
        isConnectableEnd={false}
        className="connect-source"
        title={`Drag to another node to allow a flow from ${name}`}
        data-testid="connect-source"
      />
    </>
  );
}
