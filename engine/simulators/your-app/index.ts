export { startYourAppSimulator, trackingNumberFor } from './server';
export type { Shipment, YourAppOrder, YourAppSimulator, YourAppSimulatorOptions, YourAppStats } from './server';
