/**
 * A workspace for the ipblocks benchmark: 60 pods in three namespaces and two policies whose rules
 * hold `count` distinct ipBlocks, a few of them covering the pods, many with `except`s. Half are
 * egress peers of one policy in rules of 1,000 peers, half are ingress rules of one peer each.
 * Deterministic per seed.
 */
import { random } from './flow-log';

interface Block {
  cidr: string;
  except: string[];
}

function blocks(count: number, next: () => number): Block[] {
  const byCidr = new Map<string, Block>();
  const octet = () => Math.floor(next() * 256);
  while (byCidr.size < count) {
    const a = 11 + Math.floor(next() * 200);
    const [b, c] = [octet(), octet()];
    const kind = next();
    let block: Block;
    if (kind < 0.05) block = { cidr: `${a}.${b}.0.0/16`, except: [`${a}.${b}.${c}.0/24`] };
    else if (kind < 0.2)
      block = { cidr: `${a}.${b}.${c}.0/24`, except: [`${a}.${b}.${c}.${Math.floor(next() * 16) * 16}/28`] };
    else if (kind < 0.22) {
      const x = Math.floor(next() * 2);
      block = { cidr: `10.${x}.0.0/16`, except: [`10.${x}.${c}.0/24`] };
    } else block = { cidr: `${a}.${b}.${c}.${Math.floor(next() * 64) * 4}/30`, except: [] };
    byCidr.set(block.cidr, block);
  }
  return [...byCidr.values()];
}

function peerYaml({ cidr, except }: Block): string {
  const excepts = except.length ? `\n        except:\n${except.map((e) => `        - ${e}`).join('\n')}` : '';
  return `    - ipBlock:\n        cidr: ${cidr}${excepts}`;
}

function rulesYaml(list: readonly Block[], key: 'to' | 'from', perRule: number): string {
  const rules: string[] = [];
  for (let i = 0; i < list.length; i += perRule) {
    const peers = list
      .slice(i, i + perRule)
      .map(peerYaml)
      .join('\n');
    rules.push(
      `  - ${key}:\n${peers}\n    ports:\n    - port: ${443 + ((i / perRule) % 3)}\n      protocol: TCP`,
    );
  }
  return rules.join('\n');
}

export function ipBlocksYaml(count: number, seed: number): string {
  const next = random(seed);
  const documents: string[] = [];
  const namespaces = ['shop', 'pay', 'ops'];
  let podNumber = 0;
  for (const namespace of namespaces) {
    documents.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}`);
    for (let i = 0; i < 20; i++) {
      podNumber++;
      const ip = `10.${podNumber >> 8}.${podNumber & 255}.${((i * 7) % 250) + 2}`;
      documents.push(
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: ${namespace}\n  labels:\n    app: a${i % 5}\n` +
          `spec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: ${8000 + (i % 3)}\n      name: web\n` +
          `status:\n  podIP: ${ip}`,
      );
    }
  }
  const all = blocks(count, next);
  const half = all.length >> 1;
  documents.push(
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: out\n  namespace: shop\n` +
      `spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n${rulesYaml(all.slice(0, half), 'to', 1000)}`,
  );
  documents.push(
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: in\n  namespace: pay\n` +
      `spec:\n  podSelector:\n    matchLabels:\n      app: a1\n  policyTypes: [Ingress]\n  ingress:\n${rulesYaml(all.slice(half), 'from', 1)}`,
  );
  return `${documents.join('\n---\n')}\n`;
}
