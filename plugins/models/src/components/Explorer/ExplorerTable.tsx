import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import type { ExplorerRow, ExplorerSort } from '@modelport/plugin-models-common';
import { memo } from 'react';
import { columns } from './columns';

export type Sorting = { sort?: ExplorerSort; order: 'asc' | 'desc' };

/** The next sorting when a column's header is clicked: the same column turns its order round, another starts anew. */
export function sortingAfterClick(current: Sorting, sort: ExplorerSort): Required<Sorting> {
  if (current.sort === sort) return { sort, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort, order: columns.find(c => c.sort === sort)?.firstOrder ?? 'asc' };
}

/**
 * One model's row. Memoised: a row is drawn again only when its figures change, not when anything else on the page
 * does (the filters' values arriving, a link's title being looked up, the page's loading bar).
 */
const ModelRow = memo(function ModelRowView(props: { row: ExplorerRow }) {
  const { row } = props;
  return (
    <TableRow>
      {columns.map((c, i) =>
        // The model names the row; Material-UI would call a cell of another element "cell", whatever it is.
        i === 0 ? (
          <TableCell key={c.sort} component="th" scope="row" role="rowheader" style={{ verticalAlign: 'top', ...c.cellStyle }}>
            {c.render(row)}
          </TableCell>
        ) : (
          <TableCell key={c.sort} style={{ verticalAlign: 'top', ...c.cellStyle }}>
            {c.render(row)}
          </TableCell>
        ),
      )}
    </TableRow>
  );
});

/**
 * The models of one page, sorted by the server: each header is a button that sorts by its column, and the sorted
 * column's header says its order (`aria-sort`). The model's name is each row's header.
 */
export const ExplorerTable = memo(function ExplorerTableView(props: { rows: ExplorerRow[]; sorting: Sorting; onSort: (sorting: Required<Sorting>) => void }) {
  const { rows, sorting, onSort } = props;
  return (
    <TableContainer>
      <Table size="small" aria-label="Models">
        <TableHead>
          <TableRow>
            {columns.map(c => {
              const active = sorting.sort === c.sort;
              return (
                <TableCell key={c.sort} sortDirection={active ? sorting.order : false} style={{ whiteSpace: 'nowrap' }}>
                  <TableSortLabel
                    active={active}
                    direction={active ? sorting.order : c.firstOrder ?? 'asc'}
                    onClick={() => onSort(sortingAfterClick(sorting, c.sort))}
                  >
                    {c.title}
                  </TableSortLabel>
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <ModelRow key={row.modelRef} row={row} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
});
