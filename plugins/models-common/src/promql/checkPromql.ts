import { ensureSyntaxTree, LRLanguage } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import type { SyntaxNode, Tree } from '@lezer/common';
// The parser module only: the package's entry point also loads the editor's completion and lint extensions.
import { Parser } from '@prometheus-io/codemirror-promql/dist/cjs/parser';
import { parser } from '@prometheus-io/lezer-promql';
import { RE2JS } from 're2js';
import { unquotePromqlString } from './goString';
import { NOT_PORTABLE, PORTABLE_FUNCTIONS, PORTABLE_NODES } from './portable';

/**
 * Sloth's placeholder for the range of an SLI query, replaced by each alerting and objective window.
 *
 * @public
 */
export const WINDOW_PLACEHOLDER = '{{.window}}';

/**
 * One thing wrong with a query, at a character offset of the text as written.
 *
 * @public
 */
export type PromqlProblem = { offset: number; message: string };

/**
 * "line 2, column 7: ..." for a problem of this query, both counted from 1.
 *
 * @public
 */
export function describePromqlProblem(query: string, problem: PromqlProblem): string {
  const before = query.slice(0, problem.offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}: ${problem.message}`;
}

const language = LRLanguage.define({ parser });
// A duration of the placeholder's length, so that offsets in the parsed text are offsets in the written one.
const STAND_IN = '0000000001m';
const DURATION = /^(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?$/;
const NUMBER = /^[+-]?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|nan)$/i;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where a string holds half of a UTF-16 surrogate pair, which is no Unicode text (YAML's "\ud800" makes one); -1 if nowhere. */
export function loneSurrogateAt(text: string): number {
  return UNPAIRED_SURROGATE.exec(text)?.index ?? -1;
}

/**
 * Checks the `good` or `total` query of a custom SLI as Prometheus would when it loads the rules generated from it,
 * with Prometheus' own grammar (lezer-promql) and type checks (codemirror-promql's port of the server's checkAST):
 * one expression of type instant vector, no comment (which would swallow whatever Modelport writes after it), only
 * portable PromQL, label matchers with regular expressions Go accepts, and `{{.window}}` standing as the range of
 * a range selector or subquery, at least once. Answers the problems, none for a good query.
 *
 * @public
 */
export function checkSliQuery(query: string): PromqlProblem[] {
  const surrogate = loneSurrogateAt(query);
  if (surrogate >= 0) return [{ offset: surrogate, message: 'holds a lone UTF-16 surrogate, which is not text Prometheus can read' }];
  const windows = [...query.matchAll(/\{\{\.window\}\}/g)].map(m => m.index!);
  const problems: PromqlProblem[] = [];
  if (!windows.length) {
    problems.push({ offset: 0, message: `must use ${WINDOW_PLACEHOLDER} as the range of its range selectors, as in rate(requests_total[${WINDOW_PLACEHOLDER}])` });
  }
  const text = query.replaceAll(WINDOW_PLACEHOLDER, STAND_IN);
  const state = EditorState.create({ doc: text, extensions: [language] });
  const tree = ensureSyntaxTree(state, text.length, 10_000);
  if (!tree) return [...problems, { offset: 0, message: 'could not be parsed in time' }];

  const syntax = syntaxProblems(tree, text, query);
  problems.push(...syntax);
  if (syntax.length) return problems;

  for (const at of windows) {
    const node = tree.resolveInner(at, 1);
    const range = node.parent?.parent;
    const isRange =
      node.name === 'NumberDurationLiteralInDurationContext' &&
      node.from === at &&
      node.to === at + STAND_IN.length &&
      node.parent?.name === 'DurationExpr' &&
      (range?.name === 'MatrixSelector' || (range?.name === 'SubqueryExpr' && range.getChild('DurationExpr')?.from === node.from));
    if (!isRange) problems.push({ offset: at, message: `${WINDOW_PLACEHOLDER} must stand as the range of a range selector or subquery, as in rate(x[${WINDOW_PLACEHOLDER}])` });
  }

  const checker = new Parser(state);
  const type = checker.checkAST(tree.topNode.firstChild);
  for (const d of checker.getDiagnostics()) if (d.severity === 'error') problems.push({ offset: d.from, message: d.message });
  if (!problems.length && type !== 'vector') {
    problems.push({ offset: 0, message: `must be an instant vector (a selection of series), not a ${type === 'matrix' ? 'range vector' : type}` });
  }
  return problems;
}

/**
 * The first error node, or an unclosed string (which the grammar accepts up to the end of the line): after it, the
 * parser's recovery builds a tree of guesses that says nothing more.
 */
function findError(tree: Tree, text: string): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  tree.iterate({
    enter: n => {
      if (found) return false;
      const unclosed = n.name === 'StringLiteral' && (n.to - n.from < 2 || text[n.to - 1] !== text[n.from]);
      if (n.type.isError || unclosed) found = n.node;
      return undefined;
    },
  });
  return found;
}

/**
 * Where the text breaks the grammar or leaves the portable subset: the first syntax error alone, or else comments,
 * newer syntax and what Prometheus' parser refuses beyond lezer-promql's grammar.
 */
function syntaxProblems(tree: Tree, text: string, written: string): PromqlProblem[] {
  const problems: PromqlProblem[] = [];
  const cursor = tree.cursor();
  const firstError = findError(tree, text);
  if (firstError) return [{ offset: firstError.from, message: nodeProblem(firstError, text.slice(firstError.from, firstError.to), text, written)! }];
  let enter = true;
  // A refused node is reported once, not again for each node inside it.
  for (let more = true; more; more = cursor.next(enter)) {
    const node = cursor.node;
    const problem = nodeProblem(node, text.slice(node.from, node.to), text, written);
    enter = !problem;
    if (problem) problems.push({ offset: node.from, message: problem });
  }
  return problems;
}

/**
 * What is wrong with one node: an error node, a comment, syntax or a function outside the portable subset, or a
 * literal the browser grammar accepts but the server does not (numbers, durations, strings, regexes).
 */
function nodeProblem(node: SyntaxNode, text: string, whole: string, written: string): string | undefined {
  if (node.type.isError) {
    const near = written.slice(node.from, node.from + 20);
    return near ? `is not valid PromQL from '${near}' on (one expression, brackets closed)` : 'ends before the expression is complete';
  }
  if (node.name === 'LineComment') return 'holds a comment (#), which would hide what Modelport writes after the query';
  if (node.parent?.name === 'FunctionIdentifier') {
    return PORTABLE_FUNCTIONS.has(text) ? undefined : `uses ${text}(), which Prometheus 2.42 or Prometheus 3 without feature flags does not offer`;
  }
  if (!PORTABLE_NODES.has(node.name)) {
    return `uses syntax that not every supported Prometheus accepts: ${NOT_PORTABLE[node.name] ?? `'${text.slice(0, 20)}'`}`;
  }
  const children = (n: SyntaxNode) => {
    const list: string[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) list.push(c.name);
    return list.join(' ');
  };
  switch (node.name) {
    // Prometheus' parser decides these by the kind of expression, not by its type as codemirror-promql's port does.
    case 'MatrixSelector':
      return node.firstChild?.name === 'VectorSelector' ? undefined : 'a range [..] may only follow a metric selector (use a subquery [..:] for other expressions)';
    case 'AggregateExpr': {
      const op = node.getChild('AggregateOp')?.firstChild?.name ?? '';
      // An aggregation outside the portable subset is reported as that.
      if (!PORTABLE_NODES.has(op)) return undefined;
      const expected = ['Topk', 'Bottomk', 'Quantile', 'CountValues'].includes(op) ? 2 : 1;
      const got = node.getChild('FunctionCallBody')?.getChildren('Expr').length ?? 0;
      return got === expected ? undefined : `${text.split('(')[0].trim()} takes ${expected} argument${expected > 1 ? 's' : ''}, not ${got}`;
    }
    case 'SubqueryExpr':
      // Prometheus binds [..:] to the operand next to it; lezer-promql may bind it to a whole operation.
      return ['BinaryExpr', 'UnaryExpr'].includes(node.firstChild?.name ?? '')
        ? 'put parentheses around the expression a subquery [..:] applies to'
        : undefined;
    case 'OffsetExpr':
    case 'StepInvariantExpr': {
      // In Prometheus, offset and @ are settings of one selector or subquery: each at most once, on nothing else.
      if (node.parent?.name === 'OffsetExpr' || node.parent?.name === 'StepInvariantExpr') return undefined;
      const seen: string[] = [];
      let base: SyntaxNode | null = node;
      while (base && (base.name === 'OffsetExpr' || base.name === 'StepInvariantExpr')) {
        if (seen.includes(base.name)) return `${base.name === 'OffsetExpr' ? 'offset' : '@'} may be set only once`;
        seen.push(base.name);
        base = base.firstChild;
      }
      return base && ['VectorSelector', 'MatrixSelector', 'SubqueryExpr'].includes(base.name)
        ? undefined
        : 'offset and @ may only follow a metric selector, a range selector or a subquery';
    }
    case 'VectorSelector':
      return node.getChild('Identifier') || !node.getChild('LabelMatchers') || someMatcherNeedsText(node.getChild('LabelMatchers')!, whole)
        ? undefined
        : 'a selector without a metric name needs a label matcher that does not match the empty string';
    case 'NumberDurationLiteral':
      return NUMBER.test(text) ? undefined : `'${text}' is not a number Prometheus reads (no underscores, no durations as numbers)`;
    case 'NumberDurationLiteralInDurationContext':
      return DURATION.test(text) && /[1-9]/.test(text) ? undefined : `'${text}' is not a duration such as 5m, 1h or 1h30m`;
    case 'DurationExpr':
      return children(node) === 'NumberDurationLiteralInDurationContext' ? undefined : 'duration arithmetic is experimental in Prometheus 3';
    case 'OffsetDurationExpr': {
      const plain = children(node) === 'NumberDurationLiteralInDurationContext';
      const negative = children(node) === 'UnaryOp OffsetDurationExpr' && text.trimStart().startsWith('-') && children(node.lastChild!) === 'NumberDurationLiteralInDurationContext';
      return plain || negative ? undefined : 'an offset is a duration such as 1h or -1h';
    }
    case 'StringLiteral': {
      const unquoted = unquotePromqlString(text);
      if ('error' in unquoted) return unquoted.error;
      const matcher = node.parent?.name === 'UnquotedLabelMatcher' ? node.parent.getChild('MatchOp')?.firstChild?.name : undefined;
      const isRegex = matcher === 'EqlRegex' || matcher === 'NeqRegex' || isLabelReplaceRegex(node);
      return isRegex ? regexProblem(unquoted.value) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether a matcher of these rules out series without the label, as Prometheus requires of a selector without a
 * metric name (otherwise it would select every series). A matcher Modelport cannot read counts as ruling out, as
 * its own problem is reported on its own.
 */
function someMatcherNeedsText(matchers: SyntaxNode, text: string): boolean {
  // Quoted names are refused on their own, as Prometheus 3 syntax.
  if (matchers.getChild('QuotedLabelName') || matchers.getChild('QuotedLabelMatcher')) return true;
  return matchers.getChildren('UnquotedLabelMatcher').some(m => {
    const op = m.getChild('MatchOp')?.firstChild?.name;
    const literal = m.getChild('StringLiteral');
    const unquoted = literal ? unquotePromqlString(text.slice(literal.from, literal.to)) : { error: 'missing' };
    if ('error' in unquoted) return true;
    const value = unquoted.value;
    const regexMatchesEmpty = () => {
      try {
        RE2JS.compile(value);
        return RE2JS.compile(`^(?:${value})$`).matches('');
      } catch {
        return false;
      }
    };
    if (op === 'EqlSingle') return value !== '';
    if (op === 'Neq') return value === '';
    if (op === 'EqlRegex') return !regexMatchesEmpty();
    if (op === 'NeqRegex') return regexMatchesEmpty();
    return true;
  });
}

/** The fifth argument of label_replace is a regular expression too. */
function isLabelReplaceRegex(node: SyntaxNode): boolean {
  const call = node.parent?.parent;
  if (call?.name !== 'FunctionCall' || call.firstChild?.firstChild?.name !== 'LabelReplace') return false;
  return node.parent!.getChildren('Expr')[4]?.from === node.from;
}

/** Prometheus anchors and compiles regular expressions with Go's RE2 syntax; re2js is RE2's JavaScript port. */
function regexProblem(pattern: string): string | undefined {
  // Go accepted (?<name>...) only from Go 1.22; Prometheus 2.42 was built before it.
  if (/\(\?</.test(pattern)) return `the regular expression '${pattern}' names a group as (?<name>...); write (?P<name>...)`;
  try {
    // Alone first, as Prometheus parses it: the anchored form alone would take `)|(` for balanced.
    RE2JS.compile(pattern);
    RE2JS.compile(`^(?:${pattern})$`);
    return undefined;
  } catch (error) {
    return `the regular expression '${pattern}' is not valid RE2: ${(error as Error).message.replace(/^error parsing regexp: /, '')}`;
  }
}
