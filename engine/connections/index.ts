export { ConnectionStore, type ResolvedConnection } from './store';
export { connectionVerifier } from './verifier';
export { createNetSuiteClientFactory } from './netsuite-factory';
export { testConnection, type TestConnectionArgs } from './test-connection';
export { demoConnectionIds, startDemoSandbox, type DemoSandbox } from './demo-sandbox';
