import { InputError } from '@backstage/errors';

export type Requirement =
  | { key: string; op: 'exists' | 'absent' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkKey(key: string, selector: string) {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) throw new InputError(`label selector '${selector}': '${key}' has an invalid prefix`);
  if (!NAME.test(name)) throw new InputError(`label selector '${selector}': '${key}' is not a valid label key`);
}

function checkValue(value: string, selector: string) {
  if (value !== '' && !NAME.test(value)) throw new InputError(`label selector '${selector}': '${value}' is not a valid label value`);
}

/**
 * Parses a Kubernetes label selector, as `backstage.io/kubernetes-label-selector` holds it, with the grammar and
 * checks of k8s.io/apimachinery's labels.Parse: `key`, `!key`, `key=value`, `key==value`, `key!=value`,
 * `key in (a,b)`, `key notin (a,b)`, `key>1`, `key<1`, joined by commas (all must hold). The serving collection lists
 * each cluster once and matches Models to objects here, where the Kubernetes plugin sends one selector per entity
 * to the API server; no maintained npm package parses this grammar, hence this one.
 */
export function parseLabelSelector(selector: string): Requirement[] {
  const tokens = selector.match(/\s*(==|!=|[=!(),<>]|[^\s=!(),<>]+)/g)?.map(t => t.trim()) ?? [];
  if (tokens.join('').length !== selector.replace(/\s+/g, '').length) throw new InputError(`label selector '${selector}' cannot be read`);
  const requirements: Requirement[] = [];
  let i = 0;
  const next = () => tokens[i++];
  const expect = (what: string) => {
    const token = next();
    if (token === undefined) throw new InputError(`label selector '${selector}': expected ${what} at the end`);
    return token;
  };
  const isWord = (t: string | undefined) => t !== undefined && !['==', '!=', '=', '!', '(', ')', ',', '<', '>'].includes(t);

  while (i < tokens.length) {
    let token = expect('a label key');
    if (token === '!') {
      const key = expect('a label key after !');
      checkKey(key, selector);
      requirements.push({ key, op: 'absent' });
    } else {
      if (!isWord(token)) throw new InputError(`label selector '${selector}': expected a label key, found '${token}'`);
      const key = token;
      checkKey(key, selector);
      const op = tokens[i];
      if (op === undefined || op === ',') {
        requirements.push({ key, op: 'exists' });
      } else if (op === '=' || op === '==' || op === '!=') {
        i++;
        const value = isWord(tokens[i]) ? next() : '';
        checkValue(value, selector);
        requirements.push({ key, op: op === '!=' ? 'notin' : 'in', values: [value] });
      } else if (op === 'in' || op === 'notin') {
        i++;
        if (expect('(') !== '(') throw new InputError(`label selector '${selector}': expected '(' after ${op}`);
        const values: string[] = [];
        for (;;) {
          token = expect(`a value or ')'`);
          if (token === ')') break;
          if (token === ',') continue;
          checkValue(token, selector);
          values.push(token);
        }
        if (!values.length) throw new InputError(`label selector '${selector}': ${op} needs at least one value`);
        requirements.push({ key, op, values });
      } else if (op === '>' || op === '<') {
        i++;
        const value = expect('a number');
        if (!/^-?\d+$/.test(value)) throw new InputError(`label selector '${selector}': '${value}' is not an integer`);
        requirements.push({ key, op: op === '>' ? 'gt' : 'lt', value: Number(value) });
      } else {
        throw new InputError(`label selector '${selector}': unexpected '${op}' after '${key}'`);
      }
    }
    if (i < tokens.length && next() !== ',') throw new InputError(`label selector '${selector}': expected ',' after the requirement on '${requirements.at(-1)?.key}'`);
    if (i === tokens.length && tokens[i - 1] === ',') throw new InputError(`label selector '${selector}': ends with ','`);
  }
  return requirements;
}

/** Whether labels satisfy every requirement; `!=` and `notin` also hold for objects without the key, as in Kubernetes. */
export function selects(requirements: Requirement[], labels: Record<string, string>): boolean {
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case 'absent':
        return !has;
      case 'in':
        return has && r.values.includes(value);
      case 'notin':
        return !has || !r.values.includes(value);
      case 'gt':
        return has && /^-?\d+$/.test(value) && Number(value) > r.value;
      case 'lt':
        return has && /^-?\d+$/.test(value) && Number(value) < r.value;
      default:
        return false;
    }
  });
}
