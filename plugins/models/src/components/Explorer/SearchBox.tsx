import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import ClearIcon from '@material-ui/icons/Clear';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useRef, useState } from 'react';

/** How long typing pauses before the search is asked without Enter. */
export const SEARCH_DELAY_MS = 400;

/**
 * The search box: it searches when typing pauses, and at once on Enter. What the URL holds (a shared link, the back
 * button, "Clear filters") replaces what is typed, unless it is the search this box itself just asked for, which
 * would otherwise undo what was typed since.
 */
export function SearchBox(props: { value: string; onSearch: (q: string) => void }) {
  const { value, onSearch } = props;
  const [text, setText] = useState(value);
  const asked = useRef(value);

  useEffect(() => {
    if (value !== asked.current) setText(value);
    asked.current = value;
  }, [value]);

  const search = (q: string) => {
    const trimmed = q.trim();
    if (trimmed === asked.current) return;
    asked.current = trimmed;
    onSearch(trimmed);
  };

  useEffect(() => {
    if (text.trim() === asked.current) return undefined;
    const timer = setTimeout(() => search(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // Only typing starts the wait; `search` is a new function at every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  return (
    <form
      role="search"
      aria-label="Models"
      onSubmit={e => {
        e.preventDefault();
        search(text);
      }}
    >
      <TextField
        type="search"
        variant="outlined"
        size="small"
        placeholder="Search models"
        value={text}
        onChange={e => setText(e.target.value)}
        inputProps={{ 'aria-label': 'Search models' }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          ),
          endAdornment: text ? (
            <InputAdornment position="end">
              <IconButton
                size="small"
                aria-label="Clear search"
                onClick={() => {
                  setText('');
                  search('');
                }}
              >
                <ClearIcon fontSize="small" />
              </IconButton>
            </InputAdornment>
          ) : undefined,
        }}
        style={{ minWidth: 280 }}
      />
    </form>
  );
}
