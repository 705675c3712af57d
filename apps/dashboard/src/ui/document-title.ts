import { useEffect } from 'react';

/** Names the browser tab after the page: "Hydrator · <title>". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `Hydrator · ${title}`;
  }, [title]);
}
