import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';

export type FilterOption = { value: string; count?: number };

/**
 * A filter that takes any of several values, typed to narrow a long list; each value shows how many models have it
 * when that is known. Its accessible name is "Filter by <label>".
 */
export function MultiSelectFilter(props: {
  label: string;
  options: FilterOption[];
  selected: string[];
  display?: (value: string) => string;
  onChange: (values: string[]) => void;
}) {
  const { label, options, selected, onChange, display = (v: string) => v } = props;
  const counts = new Map(options.map(o => [o.value, o.count]));
  // A value from a shared link that no model has any more stays choosable, so that it can be seen and removed.
  const values = [...options.map(o => o.value), ...selected.filter(v => !counts.has(v))];
  return (
    <Autocomplete
      multiple
      size="small"
      disableCloseOnSelect
      limitTags={2}
      options={values}
      value={selected}
      getOptionLabel={display}
      renderOption={value => {
        const count = counts.get(value);
        return count === undefined ? display(value) : `${display(value)} (${count})`;
      }}
      onChange={(_, next) => onChange(next)}
      style={{ minWidth: 180 }}
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label={label}
          inputProps={{ ...params.inputProps, 'aria-label': `Filter by ${label.toLocaleLowerCase('en-US')}` }}
        />
      )}
    />
  );
}
