import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import type { ExplorerFacets } from '@modelport/plugin-models-common';
import { ErrorText } from '../Tone';
import { facetText } from './facetText';
import { FACETS, FILTER_LABELS, FLAGS, STATES, type Query, type StateFilter } from './explorerQuery';
import { MultiSelectFilter } from './MultiSelectFilter';

const stateText = (state: string) => state.replace(/-/g, ' ');

/**
 * A filter for every filterable column: the values the models take with how many have each (from the facets), the
 * states of SLO, drift, serving and review, and whether promotions wait or the model needs attention. Any change
 * asks for the first page again, since the old page number means nothing in a new result.
 */
export function ExplorerFilters(props: {
  query: Query;
  facets: ExplorerFacets | undefined;
  facetsError: Error | undefined;
  filtered: boolean;
  onChange: (query: Query) => void;
  onClear: () => void;
}) {
  const { query, facets, facetsError, filtered, onChange, onClear } = props;
  const change = (patch: Partial<Query>) => onChange({ ...query, ...patch, offset: 0 });
  return (
    <Box role="group" aria-label="Filters" display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      {FACETS.map(facet => (
        <MultiSelectFilter
          key={facet}
          label={FILTER_LABELS[facet]}
          options={facets?.[facet] ?? []}
          selected={query[facet] ?? []}
          display={value => facetText(facet, value)}
          onChange={values => change({ [facet]: values.length ? values : undefined })}
        />
      ))}
      {(Object.keys(STATES) as StateFilter[]).map(key => (
        <MultiSelectFilter
          key={key}
          label={FILTER_LABELS[key]}
          options={STATES[key].map(value => ({ value }))}
          selected={query[key] ?? []}
          display={stateText}
          onChange={values => change({ [key]: values.length ? values : undefined })}
        />
      ))}
      {FLAGS.map(flag => (
        <FormControlLabel
          key={flag}
          label={FILTER_LABELS[flag]}
          control={<Checkbox checked={!!query[flag]} onChange={e => change({ [flag]: e.target.checked || undefined })} />}
        />
      ))}
      <Button variant="outlined" disabled={!filtered} onClick={onClear}>
        Clear filters
      </Button>
      {facetsError && (
        <ErrorText variant="caption" display="block" role="alert">
          The filters' values could not be read: {facetsError.message}
        </ErrorText>
      )}
    </Box>
  );
}
