/** What a sealed connection secret is bound to: moved to another connection or field, it fails to open. */
export const connectionContext = (connectionId: string, field: string): string => `publish:connection:${connectionId}:${field}`;
