/** The built-in scenarios, served from public/examples (same origin, so they work offline). */
export interface Example {
  id: string;
  file: string;
  title: string;
  /** The scenario's leading comment lines. */
  story: string;
}

export const DEFAULT_EXAMPLE_ID = '03-frontend-backend-ingress';

const base = `${import.meta.env.BASE_URL}examples/`;

let index: Promise<Example[]> | null = null;

export function listExamples(): Promise<Example[]> {
  index ??= fetch(`${base}index.json`)
    .then((response) => {
      if (!response.ok) throw new Error(`examples index: HTTP ${response.status}`);
      return response.json() as Promise<{ examples: Example[] }>;
    })
    .then((data) => data.examples)
    .catch((error: unknown) => {
      index = null;
      throw error;
    });
  return index;
}

export async function fetchExample(example: Example): Promise<string> {
  const response = await fetch(`${base}${example.file}`);
  if (!response.ok) throw new Error(`${example.file}: HTTP ${response.status}`);
  return response.text();
}
