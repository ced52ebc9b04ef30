export { demoAccountSpec, startNetSuiteSimulator } from './server';
export type { FaultKind, InjectedFault, NetSuiteSimulator, NetSuiteSimulatorOptions, SimulatorStats, AccountStats } from './server';
export type { AccountSpec, M2mAccountSpec, Profile, SimAccount, SimCertificate, SimOrder } from './model';
