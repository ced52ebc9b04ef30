export { demoAccountSpec, startNetSuiteSimulator } from './server';
export type { FaultKind, InjectedFault, NetSuiteSimulator, NetSuiteSimulatorOptions, SimulatorStats, AccountStats } from './server';
export type { AccountSpec, Profile, SimAccount, SimOrder } from './model';
