import type { ShortlogEntry } from '../gql/schema-types';

/**
 * A `git shortlog`: each author with the subjects of their commits, most commits first (as the gateway
 * orders them). `empty` says why there is none when the list is empty.
 */
export function Shortlog({
  entries,
  empty = 'No shortlog: a first deployment, the same rev, or GitHub and the git mirror could not compare the revs.',
}: {
  entries: readonly ShortlogEntry[];
  empty?: string;
}) {
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="shortlog" aria-label="Shortlog">
      {entries.map((entry) => (
        <li key={entry.author}>
          <strong>{entry.author}</strong> ({entry.count} commit{entry.count === 1 ? '' : 's'})
          <ul>
            {entry.subjects.map((subject, index) => (
              <li key={index}>{subject}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
