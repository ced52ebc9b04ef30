// Codes a host reports when the engine cannot start; the desktop window shows them with what to do.
export const hostErrorCodes = {
  port_in_use: 'Another program already uses the port Patchbay was asked to listen on; choose another port or close that program.',
  data_dir_unwritable: 'Patchbay cannot write to its data folder; check its permissions or choose another folder.',
  database_too_new: 'The data folder was written by a newer Patchbay; update Patchbay to open it.',
  already_running: 'Another Patchbay engine is already using this data folder; close it first.',
} as const;
