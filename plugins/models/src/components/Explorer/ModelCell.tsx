import Typography from '@material-ui/core/Typography';
import type { ExplorerRow } from '@modelport/plugin-models-common';
import { EntityLink } from '../EntityLink';

/** The model by its title (or name), linking to its entity page, with its description under it. */
export function ModelCell(props: { row: ExplorerRow }) {
  const { row } = props;
  return (
    <>
      {/* A block of its own: the link is then not a link inside the description's text, as the eye would take it. */}
      <div>
        <EntityLink entityRef={row.modelRef} title={row.title ?? row.name} />
      </div>
      {row.description && (
        // Two lines at most, so that a long description does not make the row a page tall; all of it on hover.
        <Typography
          variant="caption"
          display="block"
          color="textSecondary"
          title={row.description}
          style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
        >
          {row.description}
        </Typography>
      )}
    </>
  );
}
