/** Observed traffic: flow logs read, mapped to the workspace, replayed, and turned into policies. */
export { CSV_HEADER, MAX_LINE_CHARS, type LogProblem, type LogReader } from './read-log';
export { type ObservedEnd } from './map-ends';
export {
  TrafficObserver,
  observeTraffic,
  MAX_PROBLEMS,
  type ObservedFlow,
  type ObservedTraffic,
} from './observe';
export { replayFlows, type Replay, type ReplayedFlow } from './replay';
export { generatePolicies, type GeneratedPolicies, type GenerateOptions } from './generate';
