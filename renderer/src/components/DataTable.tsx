import type { ReactNode } from 'react';

/** A column heading; an object when the heading needs its own class or markup beyond text. */
export type Column = string | { label: ReactNode; className?: string };

interface DataTableProps<T> {
  /** Read by screen readers only: the heading above the table already says it for sighted users. */
  caption: string;
  /** `false` leaves a column out, e.g. one only shown to those who may write. */
  columns: readonly (Column | false)[];
  rows: readonly T[];
  /** Said instead of an empty table; without it an empty table is still rendered (the caller decides). */
  empty?: string;
  className?: string;
  /** One `<tr>` with its own key. */
  children(row: T): ReactNode;
}

/** A table of records with a caption and column headings, as axe and the screen tests expect it. */
export function DataTable<T>({ caption, columns, rows, empty, className = 'work-table', children }: DataTableProps<T>) {
  if (empty !== undefined && rows.length === 0) return <p>{empty}</p>;
  return (
    <table className={className}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, index) =>
            column === false ? null : typeof column === 'string' ? (
              <th key={index} scope="col">
                {column}
              </th>
            ) : (
              <th key={index} scope="col" className={column.className}>
                {column.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{rows.map(children)}</tbody>
    </table>
  );
}
