export { ConnectionStore, type ResolvedConnection } from './store';
export { connectionHandlers, connectionVerifier } from './methods';
export { createNetSuiteClientFactory } from './netsuite-factory';
export { testConnection, type TestConnectionArgs } from './test-connection';
export { demoConnectionIds, startDemoSandbox, type DemoSandbox } from './demo-sandbox';
