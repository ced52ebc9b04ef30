export { SecretBox } from './envelope';
export { fileKeyProvider, masterKeyBytes, staticKeyProvider, type KeyProvider } from './key-provider';
export { redactedMarker, redactSecrets, redactString } from './redact';
