import TextField from '@material-ui/core/TextField';

/** The shortest reason the registry accepts for a rollback or a gate override. */
export const MIN_REASON = 10;

export function isReason(text: string): boolean {
  return text.trim().length >= MIN_REASON;
}

/** The mandatory reason of an audited action, which says how long it must be until it is. */
export function ReasonField(props: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      id={props.id}
      fullWidth
      multiline
      minRows={3}
      margin="normal"
      label="Reason"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      helperText={isReason(props.value) ? ' ' : `Say why, in at least ${MIN_REASON} characters`}
    />
  );
}
