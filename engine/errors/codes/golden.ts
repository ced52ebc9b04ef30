// Codes of golden records and regression (issue 16), part of the one error table.
export const goldenErrorCodes = {
  golden_no_installation: 'Golden records are kept per installation: keep them from a test sync or run of an installation.',
  golden_no_records: 'The run read no records to keep; run a test sync that fetches a few records, then keep those.',
  golden_unsupported: 'This run cannot be kept as golden records yet; the message says why.',
  golden_replay_failed: 'Replaying the records through the version they came from failed; fix the run first, then keep its records.',
  golden_input_missing: 'A block reads from an external system but the golden records hold nothing it read; keep new golden records.',
  golden_bad_version: 'The version to compare is not one of: current, draft, release:N.',
} as const;
