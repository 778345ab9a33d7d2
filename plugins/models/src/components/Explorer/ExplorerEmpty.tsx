import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * What an empty result says: the filters that exclude every model, with the one button that clears them; without
 * filters, that none of the person's teams owns a model (with the way to every model), or that there is none.
 */
export function ExplorerEmpty(props: { filters: string[]; mine: boolean; onClear: () => void; onShowAll: () => void }) {
  const { filters, mine, onClear, onShowAll } = props;
  if (filters.length) {
    return (
      <Box role="status" py={3}>
        <Typography>No model matches all of these filters{mine ? ' among your teams\u2019 models' : ''}:</Typography>
        <Box component="ul" my={1}>
          {filters.map(f => (
            <li key={f}>
              <Typography variant="body2">{f}</Typography>
            </li>
          ))}
        </Box>
        <Button variant="contained" color="primary" onClick={onClear}>
          Clear filters
        </Button>
      </Box>
    );
  }
  if (mine) {
    return (
      <Box role="status" py={3}>
        <Typography>None of your teams owns a model.</Typography>
        <Button variant="outlined" onClick={onShowAll} style={{ marginTop: 8 }}>
          Show all models
        </Button>
      </Box>
    );
  }
  return (
    <Box role="status" py={3}>
      <Typography>There is no model in the catalog that you may see.</Typography>
    </Box>
  );
}
