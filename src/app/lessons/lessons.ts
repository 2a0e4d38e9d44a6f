import type { Protocol } from '../../engine';

/** A flow the learner predicts before the engine reveals its verdict. */
export interface Prediction {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
}

export interface LessonStep {
  title: string;
  /** What to look at in this step, before the prediction. */
  text: string;
  /** Names of the scenario's NetworkPolicies and ClusterNetworkPolicies present in this step (the rest are left out). */
  policies: readonly string[];
  predict: Prediction;
  /** Shown once the verdict is revealed: the rule behind it. */
  takeaway: string;
}

export interface Lesson {
  id: string;
  /** File name under public/examples. */
  scenario: string;
  title: string;
  steps: readonly LessonStep[];
}

/**
 * Guided lessons over the built-in scenarios. The verdicts are never written here: each step's
 * text is built from the scenario and evaluated by the engine, so a lesson cannot drift from it.
 */
export const LESSONS: readonly Lesson[] = [
  {
    id: 'ingress-default-deny',
    scenario: '03-frontend-backend-ingress.yaml',
    title: 'Lock down a backend, then let the frontend in',
    steps: [
      {
        title: 'Open traffic',
        text: 'No policy exists yet. Every pod that no policy selects is non-isolated: it accepts anything and may send anything.',
        policies: [],
        predict: { from: 'default/not-frontend', to: 'default/backend', port: 8080, protocol: 'TCP' },
        takeaway:
          'Without policies, Kubernetes allows every connection. Grey, thin edges mean "allowed because nothing isolates either side".',
      },
      {
        title: 'Deny all ingress to the backend',
        text: 'backend-ingress-deny selects app=backend, lists Ingress in policyTypes and has no ingress rule. The backend is now isolated for ingress.',
        policies: ['backend-ingress-deny'],
        predict: { from: 'default/frontend', to: 'default/backend', port: 8080, protocol: 'TCP' },
        takeaway:
          'A policy with a direction in policyTypes and no rule for it allows nothing in that direction: a default deny.',
      },
      {
        title: 'Allow the frontend',
        text: 'backend-allow-ingress-frontend adds one rule: from pods labelled app=frontend. The deny policy stays in place.',
        policies: ['backend-ingress-deny', 'backend-allow-ingress-frontend'],
        predict: { from: 'default/not-frontend', to: 'default/backend', port: 8080, protocol: 'TCP' },
        takeaway:
          'Policies only add allowed traffic. The union of all rules that select the backend decides: frontend gets in, nobody else.',
      },
    ],
  },
  {
    id: 'egress-dns',
    scenario: '02-default-deny-egress-dns.yaml',
    title: 'Default-deny egress without breaking DNS',
    steps: [
      {
        title: 'Open traffic',
        text: 'The shop namespace has a web and an api pod; kube-system runs CoreDNS. No policy yet.',
        policies: [],
        predict: { from: 'shop/api', to: '203.0.113.10', port: 443, protocol: 'TCP' },
        takeaway:
          'Egress is open by default too: pods reach the internet until a policy isolates them for egress.',
      },
      {
        title: 'Deny egress, keep DNS',
        text: 'default-deny-all-egress selects every pod of shop for Egress and allows only port 53 to kube-dns.',
        policies: ['default-deny-all-egress'],
        predict: { from: 'shop/api', to: 'kube-system/coredns', port: 53, protocol: 'UDP' },
        takeaway:
          'An egress default deny also blocks name resolution unless DNS is allowed explicitly, on UDP and TCP 53.',
      },
      {
        title: 'Opt in to the internet',
        text: 'internet-egress lets pods labelled networking/allow-internet-egress=true reach anything. web carries that label.',
        policies: ['default-deny-all-egress', 'internet-egress'],
        predict: { from: 'shop/web', to: '203.0.113.10', port: 443, protocol: 'TCP' },
        takeaway:
          'A pod selected by several policies gets the union of their rules: web keeps DNS and gains the internet.',
      },
    ],
  },
  {
    id: 'namespace-and-pod-in-one-peer',
    scenario: '01-eks-ui-egress.yaml',
    title: 'namespaceSelector AND podSelector in one peer',
    steps: [
      {
        title: 'Open traffic',
        text: 'A storefront: ui, catalog with its MySQL, orders, and CoreDNS in kube-system.',
        policies: [],
        predict: { from: 'ui/ui', to: 'catalog/catalog-mysql', port: 3306, protocol: 'TCP' },
        takeaway: 'Nothing is isolated, so the ui can reach the database directly.',
      },
      {
        title: 'Cut the ui off',
        text: 'default-deny selects every pod of ui for Egress, with no rule.',
        policies: ['default-deny'],
        predict: { from: 'ui/ui', to: 'kube-system/coredns', port: 53, protocol: 'UDP' },
        takeaway: 'With egress denied, even DNS fails, so the ui cannot resolve catalog by name.',
      },
      {
        title: 'Allow services, not databases',
        text: 'allow-ui-egress allows pods labelled component=service in any namespace (both selectors in ONE peer: AND), and all of kube-system.',
        policies: ['default-deny', 'allow-ui-egress'],
        predict: { from: 'ui/ui', to: 'catalog/catalog-mysql', port: 3306, protocol: 'TCP' },
        takeaway:
          'One peer with namespaceSelector {} and a podSelector means "these pods in any namespace"; the MySQL pod is component=mysql, so it stays blocked.',
      },
    ],
  },
  {
    id: 'ingress-only-policy-types',
    scenario: '04-web-api-db.yaml',
    title: 'policyTypes decides which direction is isolated',
    steps: [
      {
        title: 'Open traffic',
        text: 'Three tiers: web, api and db, all in prod.',
        policies: [],
        predict: { from: 'prod/web', to: 'prod/db', port: 3306, protocol: 'TCP' },
        takeaway: 'Any pod reaches the database while nothing is isolated.',
      },
      {
        title: 'Only the api reaches the database',
        text: 'allow-ingress-to-db lists only Ingress in policyTypes and allows TCP 3306 from name=api-pod.',
        policies: ['allow-ingress-to-db'],
        predict: { from: 'prod/api', to: 'prod/db', port: 3306, protocol: 'UDP' },
        takeaway: 'A port entry pairs a protocol with a port; TCP 3306 does not allow UDP 3306.',
      },
      {
        title: 'The database may still call out',
        text: 'The same policy does not list Egress. Can db open connections to the internet?',
        policies: ['allow-ingress-to-db'],
        predict: { from: 'prod/db', to: '203.0.113.5', port: 443, protocol: 'TCP' },
        takeaway: "Isolation is per direction: an Ingress-only policy leaves the pod's egress open.",
      },
    ],
  },
  {
    id: 'one-rule-per-peer',
    scenario: '05-backend-egress-to-dbs.yaml',
    title: 'Pair each peer with its own port',
    steps: [
      {
        title: 'Open traffic',
        text: 'A backend, two databases and a vault.',
        policies: [],
        predict: {
          from: 'project-snake/backend-0',
          to: 'project-snake/vault-0',
          port: 3333,
          protocol: 'TCP',
        },
        takeaway: 'Everything is reachable before any policy.',
      },
      {
        title: 'Two rules, two pairs',
        text: 'np-backend isolates the backend for egress with two rules: db1 on 1111, and db2 on 2222.',
        policies: ['np-backend'],
        predict: { from: 'project-snake/backend-0', to: 'project-snake/db2-0', port: 1111, protocol: 'TCP' },
        takeaway:
          'Within a rule, peers and ports combine; across rules they do not. Separate rules keep db2 on 2222 only.',
      },
    ],
  },
  {
    id: 'cross-product-mistake',
    scenario: '06-backend-egress-or-mistake.yaml',
    title: 'The cross-product mistake',
    steps: [
      {
        title: 'Open traffic',
        text: 'The same backend and databases as the previous lesson.',
        policies: [],
        predict: { from: 'project-snake/backend-0', to: 'project-snake/db1-0', port: 2222, protocol: 'TCP' },
        takeaway: 'Everything is reachable before any policy.',
      },
      {
        title: 'Both peers and both ports in one rule',
        text: 'This np-backend puts db1, db2, 1111 and 2222 in ONE egress rule. Can the backend reach db2 on 1111?',
        policies: ['np-backend'],
        predict: { from: 'project-snake/backend-0', to: 'project-snake/db2-0', port: 1111, protocol: 'TCP' },
        takeaway:
          'Peers are ORed and ports are ORed, so one rule allows every peer on every port. The linter flags it; split it into one rule per peer.',
      },
    ],
  },
  {
    id: 'cluster-tiers',
    scenario: '07-tiered-guardrails.yaml',
    title: 'Cluster guardrails: Admin Deny, Pass and Baseline',
    steps: [
      {
        title: 'Team policies only',
        text: "payments-ingress is the payments team's own policy: it admits its namespace, shop on 8080, and every pod of analytics.",
        policies: ['payments-ingress', 'shop-ingress'],
        predict: { from: 'analytics/report', to: 'payments/db', port: 5432, protocol: 'TCP' },
        takeaway: 'Without cluster policies, the namespace owner decides: analytics gets in.',
      },
      {
        title: 'An Admin Deny no team can override',
        text: 'deny-analytics-to-payments is a ClusterNetworkPolicy in the Admin tier (priority 10): ingress into payments from analytics is denied. payments-ingress still lets analytics in.',
        policies: ['payments-ingress', 'shop-ingress', 'deny-analytics-to-payments'],
        predict: { from: 'analytics/report', to: 'payments/db', port: 5432, protocol: 'TCP' },
        takeaway:
          'The Admin tier is asked before any NetworkPolicy. Its Deny settles the side: no namespace owner can reopen it.',
      },
      {
        title: 'Lock payments down',
        text: 'payments-deny-other-namespaces (Admin, priority 30) denies ingress into payments from every other namespace. Can shop still call the payments API?',
        policies: [
          'payments-ingress',
          'shop-ingress',
          'deny-analytics-to-payments',
          'payments-deny-other-namespaces',
        ],
        predict: { from: 'shop/checkout', to: 'payments/api', port: 8080, protocol: 'TCP' },
        takeaway: "An Admin Deny beats the payments team's rule for shop as well.",
      },
      {
        title: 'Pass hands the decision to the team',
        text: 'delegate-shop-to-payments (Admin, priority 20, before the lockdown) passes ingress from shop: the Admin tier stops deciding it, payments-ingress decides. It admits shop on 8080. Can checkout call the API again?',
        policies: [
          'payments-ingress',
          'shop-ingress',
          'deny-analytics-to-payments',
          'delegate-shop-to-payments',
          'payments-deny-other-namespaces',
        ],
        predict: { from: 'shop/checkout', to: 'payments/api', port: 8080, protocol: 'TCP' },
        takeaway:
          'Pass skips the rest of the Admin tier and lets the NetworkPolicy decide. Pass is not allow: payments-ingress admits shop on 8080 only, so checkout still cannot reach the database on 5432.',
      },
      {
        title: 'A Baseline default between namespaces',
        text: 'The baseline-deny-into-* policies (Baseline tier) deny ingress from other namespaces into shop, analytics and monitoring. cart has no NetworkPolicy.',
        policies: [
          'payments-ingress',
          'shop-ingress',
          'deny-analytics-to-payments',
          'delegate-shop-to-payments',
          'payments-deny-other-namespaces',
          'baseline-deny-into-shop',
          'baseline-deny-into-analytics',
          'baseline-deny-into-monitoring',
        ],
        predict: { from: 'analytics/report', to: 'shop/cart', port: 8080, protocol: 'TCP' },
        takeaway:
          'A pod no NetworkPolicy isolates goes on to the Baseline tier, and its Deny applies. Traffic within shop stays allowed.',
      },
      {
        title: 'A team policy overrides the Baseline',
        text: 'shop-ingress isolates checkout and admits monitoring on 9100. Can Prometheus scrape checkout, despite baseline-deny-into-shop?',
        policies: [
          'payments-ingress',
          'shop-ingress',
          'deny-analytics-to-payments',
          'delegate-shop-to-payments',
          'payments-deny-other-namespaces',
          'baseline-deny-into-shop',
          'baseline-deny-into-analytics',
          'baseline-deny-into-monitoring',
        ],
        predict: { from: 'monitoring/prometheus', to: 'shop/checkout', port: 9100, protocol: 'TCP' },
        takeaway:
          "A pod a NetworkPolicy isolates never reaches Baseline: the namespace owner's allow wins over the Baseline default.",
      },
    ],
  },
];
