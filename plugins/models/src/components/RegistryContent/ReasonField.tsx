import TextField from '@material-ui/core/TextField';
import { apiTextLimits } from '@modelport/plugin-models-common';

/** The server's limits of a mandatory reason (rollback, gate override) and of an optional comment. */
export const REASON = apiTextLimits.Reason;
export const REMARK = apiTextLimits.Remark;

export function isReason(text: string): boolean {
  return text.trim().length >= REASON.minLength && text.length <= REASON.maxLength;
}

export function isRemark(text: string): boolean {
  return text.length <= REMARK.maxLength;
}

/**
 * A text the registry audits, with a counter against the server's limit, and for a mandatory reason how long it
 * must be until it is.
 */
export function AuditedTextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  /** The dialog's first field takes the focus, so that a person at the keyboard types at once. */
  focusFirst?: boolean;
}) {
  const limits = props.required ? REASON : REMARK;
  const over = props.value.length > limits.maxLength;
  const short = props.required && props.value.trim().length < limits.minLength;
  const count = `${props.value.length} / ${limits.maxLength}`;
  let help = count;
  if (over) help = `${count}: at most ${limits.maxLength} characters`;
  else if (short) help = `${count}: say why, in at least ${limits.minLength} characters`;
  return (
    <TextField
      id={props.id}
      fullWidth
      multiline
      minRows={3}
      maxRows={8}
      margin="normal"
      label={props.label}
      required={props.required}
      // The WAI-ARIA dialog pattern puts the focus on a dialog's first field; the rule is about pages.
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus={props.focusFirst}
      value={props.value}
      error={over}
      onChange={e => props.onChange(e.target.value)}
      helperText={help}
      FormHelperTextProps={{ 'aria-live': 'polite' } as object}
    />
  );
}

/** The mandatory reason of an audited action. */
export function ReasonField(props: { id: string; value: string; onChange: (value: string) => void; focusFirst?: boolean }) {
  return <AuditedTextField {...props} label="Reason" required />;
}
