import fc from 'fast-check';
import { parseLabelSelector, selects } from './labelSelector';

const match = (selector: string, labels: Record<string, string>) => selects(parseLabelSelector(selector), labels);

describe('label selectors, as Kubernetes reads them', () => {
  it('parses every form of requirement', () => {
    expect(parseLabelSelector('app.kubernetes.io/name=churn, tier==web,env!=dev, track in (stable, canary),zone notin (a),gpu,!legacy, replicas>1, age<10')).toEqual([
      { key: 'app.kubernetes.io/name', op: 'in', values: ['churn'] },
      { key: 'tier', op: 'in', values: ['web'] },
      { key: 'env', op: 'notin', values: ['dev'] },
      { key: 'track', op: 'in', values: ['stable', 'canary'] },
      { key: 'zone', op: 'notin', values: ['a'] },
      { key: 'gpu', op: 'exists' },
      { key: 'legacy', op: 'absent' },
      { key: 'replicas', op: 'gt', value: 1 },
      { key: 'age', op: 'lt', value: 10 },
    ]);
    expect(parseLabelSelector('owner=')).toEqual([{ key: 'owner', op: 'in', values: [''] }]);
  });

  it('matches as labels.Selector.Matches does, != and notin included for objects without the key', () => {
    const labels = { 'modelport.io/model': 'churn-classifier', track: 'canary', replicas: '3' };
    expect(match('modelport.io/model=churn-classifier', labels)).toBe(true);
    expect(match('modelport.io/model=fraud-detector', labels)).toBe(false);
    expect(match('modelport.io/model=churn-classifier,track in (stable)', labels)).toBe(false);
    expect(match('track in (stable,canary),!legacy', labels)).toBe(true);
    expect(match('env!=prod', labels)).toBe(true);
    expect(match('env notin (prod)', labels)).toBe(true);
    expect(match('env', labels)).toBe(false);
    expect(match('replicas>2,replicas<4', labels)).toBe(true);
    expect(match('track>2', labels)).toBe(false);
  });

  it('refuses what labels.Parse refuses, naming the problem', () => {
    expect(() => parseLabelSelector('a in ()')).toThrow("label selector 'a in ()': in needs at least one value");
    expect(() => parseLabelSelector('a in (b')).toThrow("expected a value or ')' at the end");
    expect(() => parseLabelSelector('a=b c=d')).toThrow("expected ',' after the requirement on 'a'");
    expect(() => parseLabelSelector('a=b,')).toThrow("ends with ','");
    expect(() => parseLabelSelector('=b')).toThrow("expected a label key, found '='");
    expect(() => parseLabelSelector('-bad=b')).toThrow("'-bad' is not a valid label key");
    expect(() => parseLabelSelector('Bad_Prefix/x=b')).toThrow("'Bad_Prefix/x' has an invalid prefix");
    expect(() => parseLabelSelector('a=b!c')).toThrow("expected ',' after the requirement on 'a'");
    expect(() => parseLabelSelector('a(b)')).toThrow("unexpected '(' after 'a'");
    expect(() => parseLabelSelector(`a=${'v'.repeat(64)}`)).toThrow('is not a valid label value');
    expect(() => parseLabelSelector('a>x')).toThrow("'x' is not an integer");
  });

  it('selects exactly the objects whose label equals the value, for any key and value', () => {
    const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9_.]{0,20}[a-z0-9])?$/);
    fc.assert(
      fc.property(name, name, name, (key, value, other) => {
        const requirements = parseLabelSelector(`${key}=${value}`);
        expect(selects(requirements, { [key]: value })).toBe(true);
        expect(selects(requirements, { [key]: `${value}x` })).toBe(false);
        expect(selects(requirements, other === key ? {} : { [other]: value })).toBe(false);
        expect(selects(parseLabelSelector(`${key}!=${value}`), { [key]: value })).toBe(false);
      }),
    );
  });
});
