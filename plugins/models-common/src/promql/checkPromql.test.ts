import { checkSliQuery } from './checkPromql';

const messages = (query: string) => checkSliQuery(query).map(p => `${p.offset}: ${p.message}`);

describe('checkSliQuery', () => {
  it.each([
    'sum(rate(http_requests_total{code!~"5.."}[{{.window}}]))',
    'sum by (model) (increase(answers_total{useful="true"}[{{.window}}]))',
    'rate(x[{{.window}}]) * on (instance) group_left (version) build_info',
    'sum(rate(x[{{.window}}] offset 1h)) / 2',
    'max_over_time(up{job="a"}[{{.window}}:1m])',
    'sum(rate(x[{{.window}}] offset -5m @ end()))',
    'sum(rate(x[{{.window}}] @ 1700000000 offset 1h)) + sum(rate(x[{{.window}}:1m] offset 1h @ start()))',
    'sum(rate({job="a", code=~".*"}[{{.window}}]))',
    'histogram_quantile(0.9, sum by (le) (rate(x_bucket{le=~"0\\\\.1|\\\\+Inf"}[{{.window}}])))',
    "sum(rate(x{a='single'}[{{.window}}]))",
    'sum(rate(x{a=`raw \\d`}[{{.window}}])) > bool 0',
    'label_replace(rate(x[{{.window}}]), "dst", "$1", "src", "(?P<v>.*)")',
    'sum(rate(x[{{.window}}])) + 0x1F - 1e3 * Inf',
  ])('accepts %s', query => {
    expect(messages(query)).toEqual([]);
  });

  it.each([
    ['sum(rate(x[5m]))', '0: must use {{.window}} as the range of its range selectors'],
    ['sum(rate(x[5m])) # {{.window}}', 'holds a comment (#)'],
    ['sum(rate(x[{{.window}}])', 'ends before the expression is complete'],
    ['sum(rate(x[{{.window}}])) sum(rate(y[{{.window}}]))', "26: is not valid PromQL from 'sum(rate(y[{{.window' on"],
    ['sum(rate(x[{{.window}}]))) or vector(1', "is not valid PromQL from ')"],
    ['sum(x offset {{.window}}) + sum(rate(x[{{.window}}]))', '13: {{.window}} must stand as the range of a range selector or subquery'],
    ['sum(rate(x{w="{{.window}}"}[{{.window}}]))', '14: {{.window}} must stand as the range'],
    ['max_over_time(up[1h:{{.window}}]) + rate(x[{{.window}}])', '20: {{.window}} must stand as the range'],
    ['rate(x[{{.window}}m])', "18: is not valid PromQL from 'm])' on"],
    ['rate(x{a=~"("}[{{.window}}])', "the regular expression '(' is not valid RE2: missing closing )"],
    ['topk(2, rate(x[{{.window}}]), y)', 'topk takes 2 arguments, not 3'],
    ['sum(rate(x[{{.window}}]), y)', 'sum takes 1 argument, not 2'],
    ['rate(x{a=~")^u("}[{{.window}}])', "the regular expression ')^u(' is not valid RE2: unexpected )"],
    ['rate(x{a=~"(?=a)"}[{{.window}}])', 'invalid or unsupported Perl syntax'],
    ['rate(x{a=~"(?<n>a)"}[{{.window}}])', 'write (?P<name>...)'],
    ['label_replace(rate(x[{{.window}}]), "d", "$1", "s", "a{1001}")', 'invalid repeat count'],
    ['rate(x{a="\\q"}[{{.window}}])', '\\q is not an escape Prometheus knows'],
    ['rate(x{a="\\ud800"}[{{.window}}])', 'is not a Unicode code point'],
    ['rate(x{a="open}[{{.window}}])', 'is not closed'],
    ['x[{{.window}}]', 'must be an instant vector (a selection of series), not a range vector'],
    ['scalar(sum(rate(x[{{.window}}])))', 'not a scalar'],
    ['rate(x)[{{.window}}:]', 'expected type matrix in call to function "rate", got vector'],
    ['sum(rate(x[{{.window}}])) or 1', 'set operator not allowed in binary scalar expression'],
    ['sum(rate({__name__=~".*"}[{{.window}}])) + sum(rate({a=""}[{{.window}}]))', '9: a selector without a metric name needs a label matcher that does not match the empty string'],
    ['sum(rate({a!~"x", b!="y"}[{{.window}}]))', 'needs a label matcher that does not match the empty string'],
    ['sum(rate(x[{{.window}}])) @ end()', 'offset and @ may only follow a metric selector, a range selector or a subquery'],
    ['sum(rate(x[{{.window}}] offset 1h offset 1h))', 'offset may be set only once'],
    ['sum(rate((x)[{{.window}}]))', 'a range [..] may only follow a metric selector'],
    ['increase(a or b[{{.window}}:1m])', 'put parentheses around the expression a subquery [..:] applies to'],
    ['sum(rate({"metric.name"}[{{.window}}]))', 'quoted (UTF-8) metric and label names need Prometheus 3'],
    ['limitk(2, rate(x[{{.window}}]))', 'limitk is experimental'],
    ['rate(x[{{.window}}]) + rate(y[5m+1m])', 'duration arithmetic is experimental'],
    ['mad_over_time(x[{{.window}}])', 'uses mad_over_time()'],
    ['holt_winters(x[{{.window}}], 0.5, 0.5)', "is not valid PromQL"],
    ['sum(rate(x[{{.window}}])) * 1_000', "'1_000' is not a number Prometheus reads"],
    ['sum(rate(x[{{.window}}] offset +5m))', 'an offset is a duration such as 1h or -1h'],
    ['sum(rate(x[{{.window}}])) + rate(x[0m])', "'0m' is not a duration"],
    ['sum(rate(x[{{.window}}]))\ud800', 'lone UTF-16 surrogate'],
  ])('refuses %s', (query, message) => {
    expect(messages(query).join('\n')).toContain(message);
  });

  it('reports the offset of the problem in the text as written', () => {
    expect(checkSliQuery('sum(rate(x[{{.window}}])) + ) ')).toEqual([{ offset: 28, message: expect.stringContaining("from ') ' on") }]);
  });
});
