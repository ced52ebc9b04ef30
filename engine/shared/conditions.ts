// Branch conditions: the operators the engine evaluates and the words the condition builder shows
// for them. One list, so the builder never offers an operator the engine refuses.

export const conditionOperatorLabels = {
  eq: 'equals',
  neq: 'does not equal',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  contains: 'contains',
  not_contains: 'does not contain',
  exists: 'exists',
  not_exists: 'does not exist',
  empty: 'is empty',
  not_empty: 'is not empty',
  matches: 'matches regex',
} as const;

export type ConditionOperator = keyof typeof conditionOperatorLabels;

export const conditionOperators = Object.keys(conditionOperatorLabels) as [ConditionOperator, ...ConditionOperator[]];

/** Operators that test the field alone; the builder hides their value input. */
export const unaryOperators: ReadonlySet<ConditionOperator> = new Set(['exists', 'not_exists', 'empty', 'not_empty']);
