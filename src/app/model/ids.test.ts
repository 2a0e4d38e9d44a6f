import { describe, expect, it } from 'vitest';
import { endpointId, endpointNodeId, externalNodeId, namespaceNodeId, parseNodeId } from './ids';

describe('parseNodeId', () => {
  it('reads back what the builders made', () => {
    expect(parseNodeId(namespaceNodeId('shop'))).toEqual({ kind: 'namespace', namespace: 'shop' });
    expect(parseNodeId(endpointNodeId(endpointId('shop/web')))).toEqual({
      kind: 'endpoint',
      namespace: 'shop',
    });
    expect(parseNodeId(endpointNodeId(endpointId('shop/Deployment/web')))).toEqual({
      kind: 'endpoint',
      namespace: 'shop',
    });
    expect(parseNodeId(externalNodeId('10.0.0.0/8'))).toEqual({ kind: 'external' });
  });

  it('is null for what no builder makes', () => {
    expect(parseNodeId('flow:ns:a->ns:b')).toBeNull();
    expect(parseNodeId('ep:no-slash')).toBeNull();
  });
});
