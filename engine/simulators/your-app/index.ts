export { startYourAppSimulator, trackingNumberFor } from './server';
export type { Shipment, YourAppDelivery, YourAppOrder, YourAppSimulator, YourAppSimulatorOptions, YourAppStats } from './server';
