// Codes of saved connections, part of the one error table.
export const connectionErrorCodes = {
  connection_in_use: 'Installations still use this connection; choose another connection for them (or uninstall them) first, then delete it.',
} as const;
