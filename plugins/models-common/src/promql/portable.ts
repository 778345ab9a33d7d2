/*
 * The PromQL that Modelport accepts in a Model: what Prometheus 2.42 (the oldest version Modelport is tested
 * with) and Prometheus 3 both understand without feature flags. lezer-promql follows the newest Prometheus, so
 * its grammar also parses experimental and 3.x-only syntax, which an older server, or a newer one without the
 * flag, refuses when it loads the rules or runs the fleet's query.
 */

/** Functions of Prometheus 2.42 that Prometheus 3 still offers without `--enable-feature=promql-experimental-functions`. */
export const PORTABLE_FUNCTIONS = new Set([
  'abs', 'absent', 'absent_over_time', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'avg_over_time', 'ceil',
  'changes', 'clamp', 'clamp_max', 'clamp_min', 'cos', 'cosh', 'count_over_time', 'day_of_month', 'day_of_week',
  'day_of_year', 'days_in_month', 'deg', 'delta', 'deriv', 'exp', 'floor', 'histogram_count', 'histogram_fraction',
  'histogram_quantile', 'histogram_sum', 'hour', 'idelta', 'increase', 'irate', 'label_join', 'label_replace',
  'last_over_time', 'ln', 'log10', 'log2', 'max_over_time', 'min_over_time', 'minute', 'month', 'pi',
  'predict_linear', 'present_over_time', 'quantile_over_time', 'rad', 'rate', 'resets', 'round', 'scalar', 'sgn',
  'sin', 'sinh', 'sort', 'sort_desc', 'sqrt', 'stddev_over_time', 'stdvar_over_time', 'sum_over_time', 'tan',
  'tanh', 'time', 'timestamp', 'vector', 'year',
]);

/** Syntax tree nodes of lezer-promql that stand for portable PromQL; any other node is newer or experimental. */
export const PORTABLE_NODES = new Set([
  'PromQL', 'AggregateExpr', 'AggregateOp', 'Avg', 'Bottomk', 'Count', 'CountValues', 'Group', 'Max', 'Min',
  'Quantile', 'Stddev', 'Stdvar', 'Sum', 'Topk', 'AggregateModifier', 'By', 'Without', 'GroupingLabels',
  'LabelName', 'BinaryExpr', 'Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'Lte', 'Lss',
  'Neq', 'And', 'Unless', 'Or', 'BoolModifier', 'Bool', 'MatchingModifierClause', 'Ignoring', 'On', 'GroupLeft',
  'GroupRight', 'FunctionCall', 'FunctionIdentifier', 'FunctionCallBody', 'ParenExpr', 'OffsetExpr', 'Offset',
  'OffsetDurationExpr', 'MatrixSelector', 'SubqueryExpr', 'DurationExpr', 'NumberDurationLiteralInDurationContext',
  'UnaryExpr', 'UnaryOp', 'VectorSelector', 'Identifier', 'LabelMatchers', 'UnquotedLabelMatcher', 'MatchOp',
  'EqlSingle', 'EqlRegex', 'NeqRegex', 'StringLiteral', 'StepInvariantExpr', 'At', 'AtModifierPreprocessors',
  'AtStart', 'AtEnd', 'NumberDurationLiteral', 'inf', 'nan',
]);

/** Why a node outside the portable set is refused, for the nodes people are likely to write. */
export const NOT_PORTABLE: Record<string, string> = {
  QuotedLabelName: 'quoted (UTF-8) metric and label names need Prometheus 3',
  QuotedLabelMatcher: 'quoted (UTF-8) metric and label names need Prometheus 3',
  LimitK: 'limitk is experimental in Prometheus 3',
  LimitRatio: 'limit_ratio is experimental in Prometheus 3',
  TrimUpper: 'the </ operator is experimental in Prometheus 3',
  TrimLower: 'the >/ operator is experimental in Prometheus 3',
  FillModifier: 'fill modifiers are experimental in Prometheus 3',
  AnchoredExpr: 'anchored is experimental in Prometheus 3',
  SmoothedExpr: 'smoothed is experimental in Prometheus 3',
  DurationStep: 'duration expressions are experimental in Prometheus 3',
  DurationRange: 'duration expressions are experimental in Prometheus 3',
  DurationMinOf: 'duration expressions are experimental in Prometheus 3',
  DurationMaxOf: 'duration expressions are experimental in Prometheus 3',
};
