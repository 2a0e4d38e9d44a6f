/** Facts about clusters the engine relies on in more than one place, each written once. */
import { NAMESPACE_NAME_LABEL } from './build-cluster';
import type { Cluster, Endpoint, Labels } from './types';

/** The label cluster DNS pods carry (CoreDNS keeps kube-dns's label for compatibility). */
export const DNS_LABELS: Labels = { 'k8s-app': 'kube-dns' };
/** The namespace cluster DNS runs in. */
export const DNS_NAMESPACE = 'kube-system';

/** Whether an endpoint answers cluster DNS: it carries the conventional kube-dns label. */
export function isClusterDns(endpoint: Pick<Endpoint, 'labels'>): boolean {
  return Object.entries(DNS_LABELS).every(([key, value]) => endpoint.labels[key] === value);
}

/**
 * A namespace's labels. One that no object declares still has the label the API server sets on
 * every namespace, so a namespaceSelector by name matches it.
 */
export function namespaceLabels(cluster: Cluster, namespace: string): Labels {
  return cluster.namespaces.get(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace };
}
