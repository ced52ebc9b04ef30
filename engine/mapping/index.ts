// The field mapping engine: rules → plan → generated function; transforms; preview and
// validation for the inspector; spreadsheet import/export; suggestions.
export { applyMapping, mapMany, mapOne, ERROR_POLICIES, type ErrorPolicy, type ManyOutput, type OneOutput } from './apply';
export { formatChain, parseChain, ChainSyntaxError } from '../shared/chain';
export {
  compileMapping,
  compileMappingCached,
  interpretMapping,
  parseRules,
  type CompiledMapping,
  type MapManyResult,
  type MapRecordResult,
} from './compiled';
export { mappingErrorCodes, type MappingErrorCode, type MappingIssue, type RecordError } from './errors';
export { formatPath, parsePath, PathSyntaxError, type Segment } from '../shared/path';
export { previewMapping, readTarget, validateMapping, type PreviewResult, type RulePreview, type ValidationResult } from './preview';
export {
  mappingRulesSchema,
  ruleSchema,
  targetFieldSchema,
  transformStepSchema,
  type Rule,
  type RuleInput,
  type TargetField,
  type TransformStep,
} from './rules';
export { exportMapping, importMapping, type ImportOptions, type ImportResult, type SheetFormat } from './spreadsheet';
export { suggestMappings, type Candidate, type SourceField, type SuggestArgs, type TargetSuggestion } from './suggest';
export { customFieldsFromMetadata } from './suggest/metadata';
export { transformCatalog } from './transforms';
